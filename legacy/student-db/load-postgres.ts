import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { connectPgClient } from '../../platform/pg-clients';
import { CLASS_COLUMNS, GUARDIAN_COLUMNS, SCHOOL_COLUMNS, STUDENT_COLUMNS, TABLES } from './columns';
import { copyLine, copyStatement } from './copy-text';
import { DROP_TABLES, readStudentDbSchema } from './schema';
import { PROGRESS_EVERY, type LoadProgress, type LoadSummary, type StudentDbSource } from './source';

/**
 * Bulk-loads a PostgreSQL database: (re)create the tables, COPY every table,
 * then keys, indexes and ANALYZE. Students and guardians stream through two
 * connections at once, since one connection runs one COPY at a time and the
 * generator yields a student together with its guardians.
 */
export async function loadPostgres(source: StudentDbSource, url: string, onProgress?: LoadProgress): Promise<LoadSummary> {
  const started = Date.now();
  const schema = readStudentDbSchema();
  // A connection error also fails the COPY or statement under way, which is what reports it.
  const ignore = () => undefined;
  const main = await connectPgClient(url, ignore);
  const second = await connectPgClient(url, ignore).catch(async (error: unknown) => {
    await main.end();
    throw error;
  });
  try {
    await main.query(DROP_TABLES);
    for (const statement of schema.createTables) await main.query(statement);

    const schools = new CopySink(main.query(copyFrom(copyStatement(TABLES.schools, SCHOOL_COLUMNS, 'STDIN'))));
    for (const row of source.schools) await schools.write(copyLine(row, SCHOOL_COLUMNS));
    await schools.end();
    const classes = new CopySink(main.query(copyFrom(copyStatement(TABLES.classes, CLASS_COLUMNS, 'STDIN'))));
    for (const row of source.classes) await classes.write(copyLine(row, CLASS_COLUMNS));
    await classes.end();

    const students = new CopySink(main.query(copyFrom(copyStatement(TABLES.students, STUDENT_COLUMNS, 'STDIN'))));
    const guardians = new CopySink(second.query(copyFrom(copyStatement(TABLES.guardians, GUARDIAN_COLUMNS, 'STDIN'))));
    let studentCount = 0;
    let guardianCount = 0;
    for (const { student, guardians: members } of source.students()) {
      await students.write(copyLine(student, STUDENT_COLUMNS));
      for (const member of members) await guardians.write(copyLine(member, GUARDIAN_COLUMNS));
      guardianCount += members.length;
      studentCount++;
      if (studentCount % PROGRESS_EVERY === 0) onProgress?.(studentCount, source.expectedStudentCount);
    }
    await Promise.all([students.end(), guardians.end()]);
    onProgress?.(studentCount, source.expectedStudentCount);

    // Keys and indexes are built in parallel on the two connections: each is one sort over a loaded table.
    const [firstHalf, secondHalf] = splitAlternately(schema.afterLoad);
    await Promise.all([runAll(main, firstHalf), runAll(second, secondHalf)]);
    await main.query('ANALYZE');
    return {
      schools: source.schools.length,
      classes: source.classes.length,
      students: studentCount,
      guardians: guardianCount,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await Promise.allSettled([main.end(), second.end()]);
  }
}

async function runAll(client: Client, statements: ReadonlyArray<string>): Promise<void> {
  for (const statement of statements) await client.query(statement);
}

function splitAlternately<T>(items: ReadonlyArray<T>): [T[], T[]] {
  return [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)];
}

const CHUNK_CHARS = 64 * 1024;

/** Gathers lines into chunks of about 64 KB and waits when the COPY stream pushes back. */
class CopySink {
  private buffer = '';

  constructor(private readonly stream: Writable) {}

  async write(line: string): Promise<void> {
    this.buffer += line;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    // once() rejects on 'error', so a failed COPY cannot leave us waiting for a drain forever.
    if (!ok) await once(this.stream, 'drain');
  }
}
