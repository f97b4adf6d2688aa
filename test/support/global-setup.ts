import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateLegacyData } from '../../legacy/cli/generate-legacy-data';
import { DEFAULT_SEED } from '../../legacy/cli/args';
import { createTestDatabase } from './create-test-database';

/**
 * Generates the demo legacy data once per test run into a template folder the
 * scenario files copy. With LEGACY_STUDENT_DB_URL set, the student DB goes
 * into a fresh PostgreSQL database of this run instead (dropped at teardown).
 */
export default async function globalSetup(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'edupool-system-'));
  const template = path.join(root, 'template');
  process.env.EDUPOOL_TEST_ROOT = root;
  process.env.EDUPOOL_TEST_TEMPLATE = template;
  let studentDbUrl: string | undefined;
  if (process.env.LEGACY_STUDENT_DB_URL) {
    const database = await createTestDatabase('LEGACY_STUDENT_DB_URL');
    if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    studentDbUrl = database.url;
    process.env.EDUPOOL_TEST_STUDENT_DB_URL = database.url;
    (globalThis as { dropStudentDb?: () => Promise<void> }).dropStudentDb = database.drop;
  }
  await generateLegacyData({ size: 'demo', seed: DEFAULT_SEED, dataDir: template, ...(studentDbUrl ? { studentDbUrl } : {}) });
}
