import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../records';

/**
 * Column order of each student-DB table, shared by schema.sql, the COPY
 * loaders and the tests. Typed against the row shapes, so a field added to
 * records.ts without a column here fails the test that compares with schema.sql.
 */
export const SCHOOL_COLUMNS: ReadonlyArray<keyof SchoolRow> = [
  'XXDM', 'XXMC', 'XXDZ', 'XZQHM', 'JXNY', 'XXBXLXM', 'XXBBM', 'XZXM',
];

export const CLASS_COLUMNS: ReadonlyArray<keyof ClassRow> = ['BJDM', 'XXDM', 'NJ', 'BH', 'BJMC', 'BZRGH'];

export const STUDENT_COLUMNS: ReadonlyArray<keyof StudentRow> = [
  'XH', 'XM', 'XMPY', 'XBM', 'CSRQ', 'CSDM', 'JG', 'MZM', 'GJDQM', 'SFZJLXM', 'SFZJH', 'GATQWM', 'ZZMMM',
  'JKZKM', 'RXNY', 'RXFSM', 'JDFSM', 'NJ', 'BH', 'BJDM', 'XZZ', 'HKSZD', 'HKXZM', 'LXDH', 'SFDSZN',
  'SFLSET', 'CJLXM', 'XJH', 'XSDQZTM', 'XXDM',
];

export const GUARDIAN_COLUMNS: ReadonlyArray<keyof GuardianRow> = [
  'XH', 'CYXH', 'CYXM', 'GXM', 'SFJHR', 'SFZJLXM', 'SFZJH', 'LXDH', 'JTZZ', 'JTDH',
];

/** Table names as Postgres stores them: the DDL is unquoted, so they fold to lower case. */
export const TABLES = {
  schools: 'xxjbxx',
  classes: 'bjxx',
  students: 'xsjbxx',
  guardians: 'xsjtcy',
} as const;
