import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { dropStudentDb?: () => Promise<void> }).dropStudentDb?.();
  if (process.env.EDUPOOL_TEST_ROOT) await rm(process.env.EDUPOOL_TEST_ROOT, { recursive: true, force: true });
}
