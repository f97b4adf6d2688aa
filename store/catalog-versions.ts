import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Catalog } from '../policies/catalog';
import type { Clock } from '../platform/clock';

/**
 * Every catalog the pool has run with. An application records the version it
 * was judged against, so a later catalog change never rewrites what a past
 * decision rested on. The version is the sha256 of the catalog's canonical
 * JSON (keys sorted), so the same catalog always has the same version.
 */
export interface CatalogVersionsRepository {
  /** Stores the catalog unless this version is already stored; returns its version. */
  record(catalog: Pick<Catalog, 'resources'>): Promise<string>;
  /** The catalog's resources as recorded, or undefined for an unknown version. */
  get(version: string): Promise<unknown[] | undefined>;
}

export function catalogVersionsRepository(pool: Pool, clock: Clock): CatalogVersionsRepository {
  return {
    record: async (catalog) => {
      const body = canonicalJson(catalog.resources);
      const version = createHash('sha256').update(body).digest('hex');
      await pool.query(
        'INSERT INTO catalog_versions (version, body, recorded_at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (version) DO NOTHING',
        [version, body, clock.now()],
      );
      return version;
    },
    get: async (version) => {
      const { rows } = await pool.query<{ body: unknown[] }>('SELECT body FROM catalog_versions WHERE version = $1', [version]);
      return rows[0]?.body;
    },
  };
}

/** JSON with object keys in sorted order at every level: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
