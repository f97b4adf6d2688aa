import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import type { TeacherRecord } from '../records';

/** Writes the records as `teachers.ndjson`, one JSON object a line, in the order given. */
export async function writeTeacherFile(file: string, records: Iterable<TeacherRecord>): Promise<number> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, 'utf8');
  let count = 0;
  for (const record of records) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    count++;
  }
  out.end();
  await finished(out);
  return count;
}
