import { parseArgs } from 'node:util';
import { fixedUnits, isSchoolCode } from '../policies';
import { loadConfig } from '../platform/config';
import { loadKeyPair } from '../platform/keys';
import { issueToken, parseTtl } from '../platform/tokens';

/**
 * `npm run token -- --unit <code> [--scope GZJY-XS-002,…] [--application <id>] [--purpose …] [--ttl 8h]`
 * prints a token for a demo unit, signed with the pool's token key (from the
 * data folder, or TOKEN_SIGNING_KEY).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      unit: { type: 'string' },
      scope: { type: 'string' },
      application: { type: 'string' },
      purpose: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const unit = values.unit;
  if (!unit) return fail('Name the unit: --unit <code> (e.g. 440106, GZGAJ, or a school\'s 学校标识码). The README lists the demo units.');
  if (!fixedUnits.some((u) => u.code === unit) && !isSchoolCode(unit)) {
    return fail(`${unit} is not a unit of the pool: use a bureau division code, GZJYYJY, a partner department code or a 10-digit 学校标识码.`);
  }
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(values.ttl!);
  } catch (error) {
    return fail((error as Error).message);
  }
  const config = loadConfig();
  const keys = await loadKeyPair('token', { dataDir: config.DATA_DIR, signingJwk: config.TOKEN_SIGNING_KEY, verifyJwk: config.TOKEN_VERIFY_KEY }, true);
  const scope = values.scope?.split(',').map((s) => s.trim()).filter(Boolean);
  process.stdout.write(`${await issueToken(keys, {
    unit,
    ttlSeconds,
    ...(scope?.length ? { scope } : {}),
    ...(values.application ? { application: values.application } : {}),
    ...(values.purpose ? { purpose: values.purpose } : {}),
  })}\n`);
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
