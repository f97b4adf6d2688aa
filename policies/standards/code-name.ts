/** A coded value with its national-standard name, as the unified schema's `CodeName` carries it. */
export interface CodeName {
  readonly code: string;
  readonly name: string;
}

/** A code table: code → name. */
export type CodeTable = Readonly<Record<string, string>>;

/** The entry for `code` in `table`, or undefined when the table does not hold it. */
export function codeNameIn(table: CodeTable, code: string): CodeName | undefined {
  return Object.prototype.hasOwnProperty.call(table, code) ? { code, name: table[code]! } : undefined;
}
