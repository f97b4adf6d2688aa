import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TeacherRecord } from '../records';

/** The HR system's records in file order, with the look-ups its API offers. */
export interface TeacherStore {
  readonly all: ReadonlyArray<TeacherRecord>;
  byId(gh: string): TeacherRecord | undefined;
  bySchools(codes: ReadonlySet<string>): ReadonlyArray<TeacherRecord>;
  /** By 身份证件号, case-insensitive on the check character. */
  byIdNumber(idNumber: string): ReadonlyArray<TeacherRecord>;
}

export function createTeacherStore(records: ReadonlyArray<TeacherRecord>): TeacherStore {
  const byGh = new Map(records.map((r) => [r.GH, r]));
  const bySchool = new Map<string, TeacherRecord[]>();
  const byIdNumber = new Map<string, TeacherRecord[]>();
  for (const record of records) {
    const key = record.SFZJH.toUpperCase();
    byIdNumber.set(key, [...(byIdNumber.get(key) ?? []), record]);
    const list = bySchool.get(record.XXDM);
    if (list) list.push(record);
    else bySchool.set(record.XXDM, [record]);
  }
  return {
    all: records,
    byId: (gh) => byGh.get(gh),
    // Schools in code order, each in file order: a stable order, so pages never overlap.
    bySchools: (codes) => [...codes].sort().flatMap((code) => bySchool.get(code) ?? []),
    byIdNumber: (idNumber) => byIdNumber.get(idNumber.toUpperCase()) ?? [],
  };
}

/** Reads `teachers.ndjson` line by line (150,000 records at city size), naming the line of a malformed record. */
export async function readTeacherFile(file: string): Promise<TeacherRecord[]> {
  const records: TeacherRecord[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as TeacherRecord);
    } catch (error) {
      throw new Error(`${file}:${lineNumber} is not JSON (${(error as Error).message})`, { cause: error });
    }
  }
  return records;
}
