import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HotState } from '../../platform/hot-state';

/**
 * Rate limits (issue 6, item 1) on rate-limiter-flexible. With Redis the
 * counters live in the shared hot state, so every gateway instance counts
 * against one allowance; each Redis limiter is insured by an in-memory one,
 * so while Redis is unreachable requests are still served, limited per
 * instance (a unit may then get up to N× its allowance across N instances).
 * In memory mode each instance counts alone.
 */
export interface RateLimitSettings {
  /** Requests per minute for all tokens of one unit; 0 = no limit. */
  readonly unitPerMinute: number;
  /** Requests per minute for one token (jti); 0 = no limit. */
  readonly tokenPerMinute: number;
}

/** A catalog resource's own allowance, e.g. verification queries (核验): `requests` per `perSeconds` per unit. */
export interface ResourceRateLimit {
  readonly requests: number;
  readonly perSeconds: number;
}

export type RateLimitVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Who a request is counted against. An anonymous request (open data) should pass its client address as both. */
export interface RateLimitSubject {
  readonly unit: string;
  readonly token: string;
}

export interface RateLimits {
  /** Consumes one request from the unit's and from the token's allowance. */
  admitRequest(subject: RateLimitSubject): Promise<RateLimitVerdict>;
  /** Consumes `points` (one per use in the request, default 1) from the unit's allowance on one catalog resource. */
  admitResource(unit: string, resourceCode: string, limit: ResourceRateLimit, points?: number): Promise<RateLimitVerdict>;
}

const ALLOWED: RateLimitVerdict = { allowed: true };

function limiter(hotState: HotState, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!hotState.redis) return memory;
  // The client already prepends the hot state's prefix; keyPrefix here only separates the limiters.
  return new RateLimiterRedis({
    storeClient: hotState.redis, keyPrefix, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: memory,
  });
}

async function consume(target: RateLimiterAbstract, key: string, points = 1): Promise<RateLimitVerdict> {
  try {
    await target.consume(key, points);
    return ALLOWED;
  } catch (refusal) {
    // A RateLimiterRes is the library's "over the limit"; anything else is a fault the insurance did not absorb.
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
  }
}

function strictest(verdicts: ReadonlyArray<RateLimitVerdict>): RateLimitVerdict {
  const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfterSeconds]));
  return waits.length === 0 ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

export function createRateLimits(hotState: HotState, settings: RateLimitSettings): RateLimits {
  const perUnit = settings.unitPerMinute > 0 ? limiter(hotState, 'rl-unit', settings.unitPerMinute, 60) : undefined;
  const perToken = settings.tokenPerMinute > 0 ? limiter(hotState, 'rl-token', settings.tokenPerMinute, 60) : undefined;
  const perResource = new Map<string, RateLimiterAbstract>();
  return {
    async admitRequest(subject) {
      return strictest(await Promise.all([
        perUnit ? consume(perUnit, subject.unit) : ALLOWED,
        perToken ? consume(perToken, subject.token) : ALLOWED,
      ]));
    },
    async admitResource(unit, resourceCode, limit, points = 1) {
      const name = `rl-resource-${limit.requests}-${limit.perSeconds}`;
      let target = perResource.get(name);
      if (!target) {
        target = limiter(hotState, name, limit.requests, limit.perSeconds);
        perResource.set(name, target);
      }
      return consume(target, `${unit}:${resourceCode}`, points);
    },
  };
}
