/**
 * Rows in PostgreSQL's COPY text format (tab-separated, one line a row), the
 * fastest input both PostgreSQL and PGlite accept. Legacy values are all text
 * and never NULL, so only the four characters COPY treats specially need
 * escaping.
 */
export function copyLine<Row>(row: Row, columns: ReadonlyArray<keyof Row>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const value = row[columns[i] as keyof Row];
    if (typeof value !== 'string') {
      throw new Error(`column ${String(columns[i])} is ${typeof value}, expected a string`);
    }
    if (i > 0) line += '\t';
    line += escapeCopyText(value);
  }
  return `${line}\n`;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCopyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

export function copyStatement(table: string, columns: ReadonlyArray<PropertyKey>, source: 'STDIN' | "'/dev/blob'"): string {
  const list = columns.map((c) => String(c).toLowerCase()).join(', ');
  return `COPY ${table} (${list}) FROM ${source}`;
}
