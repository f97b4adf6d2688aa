import { z } from 'zod';

/**
 * Configuration is read once from the environment, validated, and frozen
 * (STYLE.md habit 7). Every variable here is in the README's table; a bad value
 * stops start-up with a message naming the variable and what to set.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalUrl = z.string().url().optional();
// 32 random bytes or more, base64url (43 characters or more): `openssl rand -base64 32 | tr '+/' '-_' | tr -d '='`.
const fetchKey = z.string().regex(/^[A-Za-z0-9_-]{43,}$/, 'at least 32 bytes, base64url (43 or more of A-Z a-z 0-9 _ -)').optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: human-readable when not in production and stdout is a terminal, JSON otherwise.
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  // Bearer token for GET /metrics on every part; /metrics is off without it.
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(4000),
  STUDENT_SUBGRAPH_PORT: port(4001),
  TEACHER_SUBGRAPH_PORT: port(4002),
  FACILITY_SUBGRAPH_PORT: port(4003),
  GOVERNANCE_SUBGRAPH_PORT: port(4004),
  STUDENT_SUBGRAPH_URL: optionalUrl,
  TEACHER_SUBGRAPH_URL: optionalUrl,
  FACILITY_SUBGRAPH_URL: optionalUrl,
  GOVERNANCE_SUBGRAPH_URL: optionalUrl,
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  // Seed nodes of a Redis Cluster (host:port,host:port,...); instead of REDIS_URL, never with it.
  REDIS_CLUSTER_NODES: z.string().regex(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, 'host:port,host:port,... (seed nodes of the cluster)').optional(),
  // How long a hot-state command may take before the pool treats Redis as unavailable and falls back (PostgreSQL, memory).
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).regex(/^[\w:.-]+$/, 'letters, digits, _ : . - only').default('edupool:'),
  LEGACY_STUDENT_DB_URL: optionalUrl,
  LEGACY_STUDENT_DB_PREPARED: z.enum(['on', 'off']).default('off'),
  LEGACY_TEACHER_API_URL: optionalUrl,
  LEGACY_TEACHER_API_KEY: z.string().min(8).default('edupool-demo-teacher-key'),
  LEGACY_STUDENT_DB_PORT: port(4010),
  LEGACY_TEACHER_PORT: port(4011),
  LEGACY_TEACHER_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(20),
  LEGACY_TEACHER_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  LEGACY_FACILITY_DIR: z.string().min(1).optional(),
  LEGACY_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(5_000),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(20),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1_000).default(50),
  MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(1_000),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(50_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(1_000_000),
  TOKEN_SIGNING_KEY: z.string().min(1).optional(),
  TOKEN_VERIFY_KEY: z.string().min(1).optional(),
  CONTEXT_SIGNING_KEY: z.string().min(1).optional(),
  CONTEXT_VERIFY_KEY: z.string().min(1).optional(),
  STATISTICS_CELL_KEY_SECRET: z.string().min(16).optional(),
  REFUSAL_MODE: z.enum(['partial', 'reject']).default('partial'),
  GRANT_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  CONTEXT_TTL_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  CONTEXT_ASSERTION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  CONTEXT_FETCH_SECRET: fetchKey,
  STUDENT_FETCH_KEY: fetchKey,
  TEACHER_FETCH_KEY: fetchKey,
  FACILITY_FETCH_KEY: fetchKey,
  GOVERNANCE_FETCH_KEY: fetchKey,
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  CLUSTER_INSTANCES: z.coerce.number().int().min(1).max(8).default(2),
  // 0 turns a limit off; the defaults leave room for an app's bursts and for the test suite's pools.
  RATE_LIMIT_UNIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
  RATE_LIMIT_TOKEN_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  PERSISTED_OPERATIONS_MODE: z.enum(['apq', 'registered-for-partners']).default('apq'),
  PERSISTED_QUERY_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  REGISTERED_OPERATIONS_CACHE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  ENTITY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(3_600),
  AUDIT_SEAL_DIR: z.string().min(1).optional(),
  AUDIT_SEAL_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_SEAL_VERIFY_KEY: z.string().min(1).optional(),
  AUDIT_SEAL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  AUDIT_VERIFY_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(600),
  AUDIT_TSA_URL: optionalUrl,
  PG_BIN_DIR: z.string().min(1).optional(),
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
  SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(300).max(7 * 86_400).default(28_800),
  APP_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  // Unset = on, except in production: demo people must never appear in a real deployment by accident.
  DEMO_ACCOUNTS: z.enum(['on', 'off']).optional(),
  DEMO_PASSWORD: z.string().min(8).max(200).default('EduPool-demo-2026'),
  // OpenID Connect sign-in against the city's identity platform: all four of issuer, client id, secret and redirect URI, or none.
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_REDIRECT_URI: z.string().url().regex(/\/auth\/oidc\/callback$/, 'the gateway\'s callback: https://<public host>/auth/oidc/callback').optional(),
  OIDC_UNIT_CLAIM: z.string().min(1).max(100).default('edupool_unit'),
  OIDC_ROLES_CLAIM: z.string().min(1).max(100).default('edupool_roles'),
  OIDC_SCOPES: z.string().regex(/^([\w:./-]+ )*[\w:./-]+$/, 'space-separated scopes').refine((scopes) => scopes.split(' ').includes('openid'), 'must include openid')
    .default('openid profile'),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Every variable the configuration reads (the README's table lists each). */
export const configVariables: ReadonlyArray<string> = Object.keys(schema.shape);

export class ConfigurationError extends Error {}

/** Validates the environment; throws a ConfigurationError whose message lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
  }
  if (parsed.data.REDIS_URL && parsed.data.REDIS_CLUSTER_NODES) {
    throw new ConfigurationError('Invalid configuration: set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both');
  }
  checkOidc(parsed.data);
  return Object.freeze(parsed.data);
}

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** Half an OIDC configuration would show a sign-in button that cannot work: stop at start-up and say what is missing. */
function checkOidc(config: z.infer<typeof schema>): void {
  const missing = OIDC_REQUIRED.filter((name) => config[name] === undefined);
  if (missing.length > 0 && missing.length < OIDC_REQUIRED.length) {
    throw new ConfigurationError(
      `Invalid configuration: OIDC sign-in needs all of ${OIDC_REQUIRED.join(', ')}, or none of them; set ${missing.join(', ')} `
      + '(the redirect URI is https://<public host>/auth/oidc/callback, as registered with the identity platform).',
    );
  }
  if (config.NODE_ENV === 'production' && config.OIDC_ISSUER?.startsWith('http:')) {
    throw new ConfigurationError('Invalid configuration: OIDC_ISSUER must be an https URL in production (tokens and the client secret travel to it).');
  }
}

/** The OIDC settings when sign-in through the identity platform is configured. */
export interface OidcSettings {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scopes: string;
  readonly unitClaim: string;
  readonly rolesClaim: string;
}

export function oidcSettingsOf(config: Config): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URI) return undefined;
  return Object.freeze({
    issuer: new URL(config.OIDC_ISSUER), clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI, scopes: config.OIDC_SCOPES, unitClaim: config.OIDC_UNIT_CLAIM, rolesClaim: config.OIDC_ROLES_CLAIM,
  });
}
