import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * `manifest.json` says what a data folder holds. It is written last, so its
 * presence means a generation run finished; `ensureLegacyData` relies on that.
 */
const manifestSchema = z.object({
  size: z.enum(['demo', 'city']),
  seed: z.number().int(),
  schoolYear: z.number().int(),
  counts: z.object({
    schools: z.number().int(),
    classes: z.number().int(),
    students: z.number().int(),
    guardians: z.number().int(),
    teachers: z.number().int(),
    buildings: z.number().int(),
    facilityFiles: z.number().int(),
  }),
  elapsedSeconds: z.number(),
  generatedAt: z.string(),
  studentDb: z.enum(['pglite', 'postgres']),
});

export type LegacyManifest = z.infer<typeof manifestSchema>;

/** Returns undefined when there is no manifest; throws when one exists but is malformed. */
export async function readManifest(file: string): Promise<LegacyManifest | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${file} is not a valid legacy manifest (${parsed.error.message}); delete it and run npm run legacy:generate`);
  }
  return parsed.data;
}

export async function writeManifest(file: string, manifest: LegacyManifest): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so a reader never sees half a manifest.
  const partial = `${file}.partial`;
  await fs.writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await fs.rename(partial, file);
}
