import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from 'pg';
import { withClient } from '../test/support/create-test-database';

/**
 * The `city` student-status DB the statistics bench reads: a database of its
 * own (`edupool_bench_city` on LEGACY_STUDENT_DB_URL's server), made and
 * filled by `npm run legacy:generate -- --size city` on the first run and
 * kept as a fixture for later runs (about a minute to fill on this machine).
 */
export const BENCH_DATABASE = 'edupool_bench_city';
const CITY_STUDENTS_AT_LEAST = 1_500_000;

export function benchDatabaseUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/**
 * A kept fixture may predate an index schema.sql has gained since: create the
 * missing ones, and VACUUM so that index-only scans need no heap fetches
 * (COPY leaves the visibility map unset until autovacuum comes by).
 */
async function applyIndexes(client: Client): Promise<void> {
  const schema = await readFile(path.join(__dirname, '..', 'legacy', 'student-db', 'schema.sql'), 'utf8');
  for (const [, name, rest] of schema.matchAll(/^CREATE INDEX (\w+) (ON [^;]+);/gm)) {
    await client.query(`CREATE INDEX IF NOT EXISTS ${name} ${rest}`);
  }
  await client.query('VACUUM ANALYZE xsjbxx');
}

async function studentRows(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const exists = await client.query("SELECT to_regclass('public.xsjbxx') IS NOT NULL AS ok");
    if (!(exists.rows[0] as { ok: boolean }).ok) return 0;
    return Number((await client.query('SELECT count(*) AS n FROM xsjbxx')).rows[0].n);
  });
}

/** Creates and fills the bench database when it is missing or holds less than the city size; returns its URL. */
export async function ensureCityDatabase(serverUrl: string, log: (line: string) => void): Promise<string> {
  const url = benchDatabaseUrl(serverUrl);
  await withClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
  const rows = await studentRows(url);
  if (rows >= CITY_STUDENTS_AT_LEAST) {
    log(`${BENCH_DATABASE}: ${rows} students, reused`);
    await withClient(url, (client) => applyIndexes(client));
    return url;
  }
  log(`${BENCH_DATABASE}: generating the city data (about a minute)`);
  const dataDir = path.join(__dirname, '..', 'data', 'bench-city');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'legacy:generate', '--', '--size', 'city', '--data-dir', dataDir], {
      env: { ...process.env, LEGACY_STUDENT_DB_URL: url }, stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`legacy:generate exited with ${code}`))));
  });
  await withClient(url, (client) => applyIndexes(client));
  return url;
}
