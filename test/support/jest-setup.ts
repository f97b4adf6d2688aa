import path from 'node:path';

/**
 * Names each test file's PostgreSQL sessions after the file (pg reads
 * PGAPPNAME when a client is made), so a session left open when its test
 * database is dropped can be traced to the file that opened it.
 */
const testPath = expect.getState().testPath;
if (testPath) process.env.PGAPPNAME = path.relative(path.resolve(__dirname, '../..'), testPath).slice(-63);
