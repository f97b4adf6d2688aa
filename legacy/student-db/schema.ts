import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Statements of schema.sql, split at its "after load" marker (see the file's header). */
export interface StudentDbSchema {
  readonly createTables: ReadonlyArray<string>;
  readonly afterLoad: ReadonlyArray<string>;
}

const AFTER_LOAD_MARKER = /^-- after load$/m;

export function readStudentDbSchema(): StudentDbSchema {
  const sql = readFileSync(path.join(__dirname, 'schema.sql'), 'utf8');
  const [before, after] = sql.split(AFTER_LOAD_MARKER);
  if (before === undefined || after === undefined) {
    throw new Error('schema.sql lacks its "-- after load" marker line');
  }
  return { createTables: statements(before), afterLoad: statements(after) };
}

/** The tables in the order they are dropped (children first; there are no foreign keys, but be tidy). */
export const DROP_TABLES = 'DROP TABLE IF EXISTS xsjtcy, xsjbxx, bjxx, xxjbxx';

// schema.sql holds no string literals or bodies, so a statement ends at each ';'.
function statements(sql: string): string[] {
  const withoutComments = sql.replace(/--.*$/gm, '');
  return withoutComments.split(';').map((s) => s.trim()).filter((s) => s.length > 0);
}
