import type { NotGrantedReason } from './permissions/types';

/**
 * The closed set of error codes that is EduPool's public contract (DESIGN.md "Errors").
 * Every refusal a client sees carries one of these in `extensions.code`; anything
 * else is masked as INTERNAL_SERVER_ERROR with a request id. Factories build the
 * error's `extensions` (pure data); the runtime turns them into GraphQLErrors.
 */
export const errorCodes = {
  UNAUTHENTICATED: 'No, bad, expired or revoked token. The error says how to get a token.',
  FORBIDDEN: 'The unit may not perform this action.',
  NOT_SHARED: 'The field\'s share type is "not shared"; the error names the catalog resource and its legal basis.',
  NOT_GRANTED: 'No active grant covers the field; the error names the resource to apply for with applyForShare.',
  OUT_OF_SCOPE: 'A record outside the grant\'s row scope was asked for by id.',
  RATE_LIMITED: 'Too many requests; the error says when to retry.',
  QUERY_TOO_COSTLY: 'Depth, aliases, tokens or cost over the limit; the error names the limit and the figure.',
  BAD_USER_INPUT: 'Malformed arguments; the error names the argument and why.',
  UPSTREAM_UNAVAILABLE: 'A legacy system failed or timed out; the error names the system. Retry later.',
  INTERNAL_SERVER_ERROR: 'Anything unexpected; the error carries a request id to quote to the operators.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorCodes, value);
}

/** What an error carries besides its message: the code, the HTTP status it maps to, and details. */
export interface ErrorShape {
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>> & { readonly code: ErrorCode };
}

/** How a request declares its purpose (README "Purpose"): the gateway reads the header first, then the token's claim. */
export const PURPOSE_HEADER = 'x-edupool-purpose';

const PURPOSE_HINT = `Declare the grant's purpose in the ${PURPOSE_HEADER} header (UTF-8, percent-encoded: encodeURIComponent) `
  + 'or use a token issued with it (npm run token -- --purpose …).';

const TOKEN_HINT = 'Get a token from your unit\'s data officer (demo: `npm run token -- --unit <code>`) and send it as `Authorization: Bearer <token>`.';

export type LegacySystem = 'student-status' | 'teacher-hr' | 'facility' | 'governance';

const systemNames: Readonly<Record<LegacySystem, string>> = {
  'student-status': 'student-status database (学籍系统)',
  'teacher-hr': 'teacher HR system (教师管理信息系统)',
  facility: 'school-facility exports (校舍数据)',
  governance: 'governance store',
};

export const errors = {
  unauthenticated(reason: string): ErrorShape {
    return { message: `${reason} ${TOKEN_HINT}`, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };
  },
  /** A person's sign-in or console session refused: the hint is the sign-in page, not a token. */
  signInRefused(reason: string): ErrorShape {
    return { message: `${reason} Sign in again at /console.`, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };
  },
  /** The identity platform (OIDC) did not answer, so a sign-in through it cannot start or finish now. */
  identityPlatformUnavailable(): ErrorShape {
    return {
      message: 'The identity platform (统一身份认证平台) did not answer, so sign-in through it cannot go on now. Retry later.',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'identity-platform', http: { status: 503 } },
    };
  },
  /**
   * Sign-in refused while the account is locked after repeated wrong
   * passwords: `lockedUntil` (ISO 8601) lets the console say in the person's
   * own words and time zone when to try again.
   */
  accountLocked(lockedUntil: Date): ErrorShape {
    const shape = errors.signInRefused(`This account is locked until ${lockedUntil.toISOString()} after repeated failed sign-ins. Wait, or ask your unit's app administrator.`);
    return { ...shape, extensions: { ...shape.extensions, lockedUntil: lockedUntil.toISOString() } };
  },
  /** A subgraph called by anything but the gateway: no token hint, the caller is not a client. */
  gatewayOnly(subgraph: string, reason: string): ErrorShape {
    return { message: `The ${subgraph} subgraph answers only the EduPool gateway (${reason}).`, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } };
  },
  forbidden(action: string, why: string): ErrorShape {
    return { message: `Your unit may not ${action}: ${why}`, extensions: { code: 'FORBIDDEN', http: { status: 403 } } };
  },
  /**
   * A signed-in person acting without the role the action takes: FORBIDDEN
   * like a unit's refusal, but naming the role and who assigns it.
   */
  roleMissing(action: string, unit: string, roles: string): ErrorShape {
    return {
      message: `You may not ${action}: it takes the role ${roles} in unit ${unit}, which you do not hold. `
        + `Your unit's 应用管理员 (APP_ADMIN) assigns roles in the console.`,
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    };
  },
  notShared(coordinate: string, resource: string, legalBasis: string): ErrorShape {
    return {
      message: `${coordinate} belongs to catalog resource ${resource}, which is not shared (不予共享). Basis: ${legalBasis}`,
      extensions: { code: 'NOT_SHARED', coordinate, resource, legalBasis },
    };
  },
  notGranted(coordinate: string, resource: string, reason?: NotGrantedReason, declaredPurpose?: string): ErrorShape {
    if (reason?.kind === 'PURPOSE') {
      const fixed = reason.purposes.map((p) => `"${p}"`).join(' or ');
      const declared = declaredPurpose ? `declared the purpose "${declaredPurpose}"` : 'declared no purpose';
      return {
        message: `Your grant of catalog resource ${resource} covers ${coordinate} only for the purpose ${fixed}, and this request ${declared}. `
          + `${PURPOSE_HINT} A read for another purpose needs its own grant: apply with applyForShare.`,
        extensions: { code: 'NOT_GRANTED', coordinate, resource, grantPurposes: [...reason.purposes], declaredPurpose: declaredPurpose ?? null },
      };
    }
    if (reason?.kind === 'EXPIRED') {
      return {
        message: `Your grant of catalog resource ${resource} covering ${coordinate} expired at ${reason.expiredAt}. `
          + 'Apply again with the applyForShare mutation, naming only the fields you need and your purpose.',
        extensions: { code: 'NOT_GRANTED', coordinate, resource, expiredAt: reason.expiredAt },
      };
    }
    return {
      message: `No active grant covers ${coordinate}. Apply for catalog resource ${resource} with the applyForShare mutation, naming only the fields you need and your purpose.`,
      extensions: { code: 'NOT_GRANTED', coordinate, resource },
    };
  },
  outOfScope(coordinate: string, id: string): ErrorShape {
    return {
      message: `Record ${id} is outside the row scope your unit may read for ${coordinate}.`,
      extensions: { code: 'OUT_OF_SCOPE', coordinate },
    };
  },
  rateLimited(retryAfterSeconds: number): ErrorShape {
    return {
      message: `Too many requests. Retry after ${retryAfterSeconds} s.`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429 } },
    };
  },
  queryTooCostly(limit: string, figure: number, maximum: number): ErrorShape {
    return {
      message: `Operation refused: ${limit} is ${figure}, the limit is ${maximum}. Split the operation or ask for fewer items.`,
      extensions: { code: 'QUERY_TOO_COSTLY', limit, figure, maximum, http: { status: 400 } },
    };
  },
  badUserInput(argument: string, why: string, coordinate?: string): ErrorShape {
    return {
      message: `Argument ${argument}: ${why}`,
      extensions: { code: 'BAD_USER_INPUT', argument, ...(coordinate ? { coordinate } : {}) },
    };
  },
  upstreamUnavailable(system: LegacySystem, coordinate?: string): ErrorShape {
    return {
      message: `The ${systemNames[system]} did not answer in time. The rest of the data is answered; retry this part later.`,
      extensions: { code: 'UPSTREAM_UNAVAILABLE', system, ...(coordinate ? { coordinate } : {}) },
    };
  },
  /**
   * A subgraph refused the gateway's fetch with a 4xx: not a timeout, a request
   * it would not take. Too large (413, 431) is the operation's size, for the
   * client to split; anything else leaves that part unavailable until the
   * operators fix the pool (the request id finds the fetch in the logs).
   */
  subgraphRefused(subgraph: string, system: LegacySystem, status: number, requestId: string): ErrorShape {
    if (status === 413 || status === 431) {
      return {
        message: `The ${subgraph} subgraph refused its part of this operation as too large (HTTP ${status}). Split the operation or ask for fewer items; if it is small, quote request id ${requestId} to the pool's operators.`,
        extensions: { code: 'QUERY_TOO_COSTLY', limit: `${subgraph} subgraph request size`, subgraph, status, requestId },
      };
    }
    return {
      message: `The ${subgraph} subgraph refused the gateway's request (HTTP ${status}), so the ${systemNames[system]} is unavailable to this request: a fault of the pool, not of your operation. The rest of the data is answered; quote request id ${requestId} to the pool's operators.`,
      extensions: { code: 'UPSTREAM_UNAVAILABLE', system, subgraph, status, requestId },
    };
  },
  internal(requestId: string): ErrorShape {
    return {
      message: `Internal error. Quote request id ${requestId} to the pool's operators.`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  },
} as const;
