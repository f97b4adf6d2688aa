import { legacyDataPaths } from '../data-dir';
import { readManifest, type LegacyManifest } from '../manifest';
import type { DataSize } from '../records';
import { DEFAULT_SEED } from './args';
import { generateLegacyData } from './generate-legacy-data';

export interface EnsureLegacyDataOptions {
  readonly size?: DataSize;
  readonly seed?: number;
  /** Load the student DB here instead of PGlite; never a production database. */
  readonly studentDbUrl?: string;
  readonly log?: (message: string) => void;
}

/**
 * What `npm start` calls before starting the stand-ins: keeps the data folder
 * as it is when a manifest says a generation run finished there, else
 * generates (demo size by default) and returns the new manifest.
 */
export async function ensureLegacyData(dataDir: string, options: EnsureLegacyDataOptions = {}): Promise<LegacyManifest> {
  const paths = legacyDataPaths(dataDir);
  const existing = await readManifest(paths.manifestFile);
  if (existing) return existing;
  const size = options.size ?? 'demo';
  const seed = options.seed ?? DEFAULT_SEED;
  options.log?.(`no legacy data in ${paths.legacyDir}: generating ${size} data (seed ${seed})`);
  return generateLegacyData({ size, seed, dataDir, ...(options.studentDbUrl ? { studentDbUrl: options.studentDbUrl } : {}) });
}
