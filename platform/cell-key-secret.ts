import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret that keys every record for perturbed statistics. Every part
 * that counts persons must hold the same one, and it must never change
 * while the data stays (a new secret gives every cell new noise, and two
 * versions of a cell can be averaged). From `STATISTICS_CELL_KEY_SECRET`
 * in production; on the embedded default it is generated once into the data
 * folder beside the pool's keys, like them.
 */
export async function loadCellKeySecret(source: { readonly dataDir: string; readonly secret?: string | undefined }): Promise<string> {
  if (source.secret) return source.secret;
  const folder = path.join(source.dataDir, 'keys');
  const file = path.join(folder, 'statistics-cell-key.secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    // 'wx' so that two parts starting together agree on one secret: the loser reads the winner's.
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}
