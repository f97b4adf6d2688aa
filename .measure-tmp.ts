import { PGlite } from '@electric-sql/pglite';
import { loadPglite } from './legacy/student-db/load-pglite';
import { loadPostgres } from './legacy/student-db/load-postgres';
import { syntheticStudentSource } from './test/support/synthetic-student-source';
import { STUDENT_COLUMNS, GUARDIAN_COLUMNS } from './legacy/student-db/columns';
import { readStudentDbSchema, DROP_TABLES } from './legacy/student-db/schema';
import { Client } from 'pg';
async function main() {
  const n = Number(process.argv[3] ?? 100000);
  const mode = process.argv[2];
  const src = syntheticStudentSource(n);
  if (mode === 'pglite') {
    const db = await PGlite.create('/tmp/lx/pgl-' + Date.now());
    const s = await loadPglite(db, src);
    console.log(mode, s, Math.round((s.students + s.guardians) / s.seconds), 'rows/s');
    await db.close();
  } else if (mode === 'insert') {
    const db = await PGlite.create('/tmp/lx/pgi-' + Date.now());
    const t0 = Date.now();
    await db.exec(DROP_TABLES); for (const st of readStudentDbSchema().createTables) await db.exec(st);
    const batch = 500; let sb: string[][] = [], gb: string[][] = []; let rows = 0;
    const flush = async (table: string, cols: readonly string[], b: string[][]) => {
      if (!b.length) return; const params: string[] = []; const tuples = b.map((r) => '(' + r.map((v) => { params.push(v); return '$' + params.length; }).join(',') + ')');
      await db.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')}`, params);
    };
    for (const { student, guardians } of src.students()) {
      sb.push(STUDENT_COLUMNS.map((c) => student[c])); for (const g of guardians) gb.push(GUARDIAN_COLUMNS.map((c) => g[c]));
      rows += 1 + guardians.length;
      if (sb.length >= batch) { await flush('xsjbxx', STUDENT_COLUMNS as string[], sb); sb = []; }
      if (gb.length >= batch * 2) { await flush('xsjtcy', GUARDIAN_COLUMNS as string[], gb); gb = []; }
    }
    await flush('xsjbxx', STUDENT_COLUMNS as string[], sb); await flush('xsjtcy', GUARDIAN_COLUMNS as string[], gb);
    const sec = (Date.now() - t0) / 1000; console.log('insert', rows, sec, Math.round(rows / sec), 'rows/s (no indexes)');
    await db.close();
  } else {
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' }); await admin.connect();
    const name = 'edupool_t_measure' + Date.now(); await admin.query(`create database ${name}`);
    try {
      const s = await loadPostgres(src, `postgres://postgres@127.0.0.1:5432/${name}`);
      console.log(mode, s, Math.round((s.students + s.guardians) / s.seconds), 'rows/s');
    } finally { await admin.query(`drop database ${name}`); await admin.end(); }
  }
}
main();
