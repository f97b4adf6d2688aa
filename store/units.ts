import type { Pool } from 'pg';
import type { Unit, UnitType } from '../policies/units';
import type { Clock } from '../platform/clock';
import { inTransaction } from './transaction';

/**
 * The units table: the unit tree as the pool last ran with it, so that
 * supervision and audit queries can name units in SQL. Synced at start-up
 * (the school directory is read then); the tree itself stays in memory.
 */
export interface UnitsRepository {
  /** Makes the table exactly `units`: new ones added, changed ones updated, missing ones removed. */
  sync(units: ReadonlyArray<Unit>): Promise<void>;
  all(): Promise<Unit[]>;
}

export function unitsRepository(pool: Pool, clock: Clock): UnitsRepository {
  return {
    sync: (units) => inTransaction(pool, async (client) => {
      const at = clock.now();
      // One statement for the whole directory (≈1,800 schools in the city): arrays unnested server-side.
      await client.query(
        `INSERT INTO units (code, name, type, parent, synced_at)
         SELECT u.code, u.name, u.type, u.parent, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(code, name, type, parent)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, parent = excluded.parent, synced_at = excluded.synced_at`,
        [units.map((u) => u.code), units.map((u) => u.name), units.map((u) => u.type), units.map((u) => u.parent ?? null), at],
      );
      await client.query('DELETE FROM units WHERE NOT (code = ANY($1::text[]))', [units.map((u) => u.code)]);
    }),
    all: async () => {
      const { rows } = await pool.query<{ code: string; name: string; type: UnitType; parent: string | null }>(
        'SELECT code, name, type, parent FROM units ORDER BY code',
      );
      return rows.map((row) => ({ code: row.code, name: row.name, type: row.type, ...(row.parent === null ? {} : { parent: row.parent }) }));
    },
  };
}
