import type { Pool } from 'pg';
import type { Clock } from '../platform/clock';

/** An operation a unit may run in the registered-operations mode (migration 004). */
export interface RegisteredOperation {
  readonly unit: string;
  readonly sha256: string;
  readonly name: string;
  readonly text: string;
  readonly registeredBy: string;
  readonly registeredAt: Date;
}

export interface RegisteredOperationsRepository {
  /** Registers (or re-registers, keeping one row per unit and hash) and returns the row as stored. */
  register(operation: Omit<RegisteredOperation, 'registeredAt'>): Promise<RegisteredOperation>;
  /** True when a row was removed. */
  deregister(unit: string, sha256: string): Promise<boolean>;
  /** Every unit's operations when `unit` is undefined; oldest first. */
  list(unit: string | undefined, limit: number): Promise<RegisteredOperation[]>;
  /** The hashes registered for a unit: what the gateway caches. */
  hashesOf(unit: string): Promise<string[]>;
  /** The text registered under a hash, for whichever unit: a registered operation may be sent by hash alone. */
  textOf(sha256: string): Promise<string | undefined>;
}

interface Row {
  unit: string; sha256: string; name: string; body: string; registered_by: string; registered_at: Date;
}

const toOperation = (row: Row): RegisteredOperation => ({
  unit: row.unit, sha256: row.sha256, name: row.name, text: row.body, registeredBy: row.registered_by, registeredAt: row.registered_at,
});

/** Made from the governance store's pool by whoever needs it (the governance subgraph, the gateway). */
export function registeredOperationsRepository(pool: Pool, clock: Clock): RegisteredOperationsRepository {
  return {
    async register(operation) {
      const { rows } = await pool.query<Row>(
        `INSERT INTO registered_operations (unit, sha256, name, body, registered_by, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (unit, sha256) DO UPDATE SET name = EXCLUDED.name, registered_by = EXCLUDED.registered_by, registered_at = EXCLUDED.registered_at
         RETURNING *`,
        [operation.unit, operation.sha256, operation.name, operation.text, operation.registeredBy, clock.now()],
      );
      return toOperation(rows[0]!);
    },
    async deregister(unit, sha256) {
      const { rowCount } = await pool.query('DELETE FROM registered_operations WHERE unit = $1 AND sha256 = $2', [unit, sha256]);
      return (rowCount ?? 0) > 0;
    },
    async list(unit, limit) {
      const { rows } = await pool.query<Row>(
        `SELECT * FROM registered_operations WHERE $1::text IS NULL OR unit = $1 ORDER BY registered_at, unit, sha256 LIMIT $2`,
        [unit ?? null, limit],
      );
      return rows.map(toOperation);
    },
    async hashesOf(unit) {
      const { rows } = await pool.query<{ sha256: string }>('SELECT sha256 FROM registered_operations WHERE unit = $1', [unit]);
      return rows.map((row) => row.sha256);
    },
    async textOf(sha256) {
      const { rows } = await pool.query<{ body: string }>('SELECT body FROM registered_operations WHERE sha256 = $1 LIMIT 1', [sha256]);
      return rows[0]?.body;
    },
  };
}
