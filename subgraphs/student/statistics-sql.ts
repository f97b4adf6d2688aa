import { TABLES } from '../../legacy/student-db/columns';
import { recordKeySql } from '../kit/record-key';
import { LARGE_CLASS_MIN, OVERSIZED_CLASS_MIN, type StatisticDimension, type StatisticsFilter } from '../../policies/statistics';

/**
 * The statistics of the student-status DB as SQL: one GROUP BY per question,
 * so the database counts 2,000,000 rows and Node receives a few hundred
 * (DESIGN.md "Aggregates … computed in the legacy database"). The definitions
 * are policies/statistics': status 01 is 在校, the class-size bands 56 and 66.
 * Only placeholders enter the text; column expressions come from this file.
 */
export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

const IN_SCHOOL = '01';

/** Where each dimension of a class lives: the school (x) or the class (b). */
const classColumns: Partial<Record<StatisticDimension, string>> = {
  DISTRICT: 'x.xzqhm', RUNNING_TYPE: 'x.xxbxlxm', GRADE: 'b.nj',
};

/** Dimensions the source holds; REFERENCE_DATE is the as-of date, added by the caller. */
function grouped(groupBy: ReadonlyArray<StatisticDimension>, columns: Partial<Record<StatisticDimension, string>>): Array<[StatisticDimension, string]> {
  return groupBy.flatMap((d) => (columns[d] ? [[d, columns[d]] as [StatisticDimension, string]] : []));
}

function conditions(filter: StatisticsFilter, columns: Partial<Record<StatisticDimension, string>>, params: unknown[]): string[] {
  const pairs: Array<[StatisticDimension, string | undefined]> = [
    ['DISTRICT', filter.district], ['RUNNING_TYPE', filter.runningType], ['GRADE', filter.grade],
    ['GENDER', filter.gender], ['ETHNICITY', filter.ethnicity],
  ];
  return pairs.flatMap(([d, value]) => {
    if (value === undefined || !columns[d]) return [];
    params.push(value);
    return [`${columns[d]} = $${params.length}`];
  });
}

function select(dims: Array<[StatisticDimension, string]>): string {
  return dims.map(([d, column]) => `${column} AS "${d}"`).join(', ');
}

function groupClause(dims: Array<[StatisticDimension, string]>): string {
  return dims.length === 0 ? '' : ` GROUP BY ${dims.map(([, column]) => column).join(', ')}`;
}

/**
 * 在校生数 by the groups asked, in two steps: students are counted per
 * school (and per grade, sex, ethnicity as asked) straight off the
 * statistics index (xsdqztm, xxdm, nj, xbm, mzm) by an index-only scan, then
 * the few thousand school counts are joined to the school table for
 * district and running type. Joining every student row to its school first
 * costs about twice as much on the city data. With `cellKeySecret` (a reader
 * who gets perturbed counts) each group also sums its students' record keys
 * (`k`), which needs the student number and so reads the table, not only
 * the index.
 */
export function enrolledStatement(filter: StatisticsFilter, groupBy: ReadonlyArray<StatisticDimension>, cellKeySecret?: string): SqlStatement {
  const params: unknown[] = [IN_SCHOOL];
  const keyed = cellKeySecret !== undefined;
  if (keyed) params.push(cellKeySecret);
  const ofStudent = grouped(groupBy, { GRADE: 's.nj', GENDER: 's.xbm', ETHNICITY: 's.mzm' });
  const inner = ['s.xsdqztm = $1', ...conditions(filter, { GRADE: 's.nj', GENDER: 's.xbm', ETHNICITY: 's.mzm' }, params)].join(' AND ');
  const outerWhere = conditions(filter, { DISTRICT: 'x.xzqhm', RUNNING_TYPE: 'x.xxbxlxm' }, params);
  const dims = groupBy.flatMap((d): Array<[StatisticDimension, string]> => {
    if (d === 'DISTRICT') return [[d, 'x.xzqhm']];
    if (d === 'RUNNING_TYPE') return [[d, 'x.xxbxlxm']];
    return ofStudent.some(([o]) => o === d) ? [[d, `t."${d}"`]] : [];
  });
  const innerSelect = ['s.xxdm', ...ofStudent.map(([d, column]) => `${column} AS "${d}"`), ...(keyed ? [`sum(${recordKeySql('$2', 's.xh')}) AS k`] : [])].join(', ');
  const innerGroup = ['s.xxdm', ...ofStudent.map(([, column]) => column)].join(', ');
  const head = dims.length === 0 ? '' : `${select(dims)}, `;
  return {
    sql: `SELECT ${head}sum(t.n)::int AS n${keyed ? ', sum(t.k)::bigint AS k' : ''} FROM (SELECT ${innerSelect}, count(*) AS n FROM ${TABLES.students} s WHERE ${inner} GROUP BY ${innerGroup}) t ` +
      `JOIN ${TABLES.schools} x ON x.xxdm = t.xxdm${outerWhere.length > 0 ? ` WHERE ${outerWhere.join(' AND ')}` : ''}${groupClause(dims)}`,
    params,
  };
}

/** Classes per class-size band (班额 = in-school students of the class) by the groups asked. */
export function classSizeBandStatement(filter: StatisticsFilter, groupBy: ReadonlyArray<StatisticDimension>): SqlStatement {
  const params: unknown[] = [IN_SCHOOL, LARGE_CLASS_MIN, OVERSIZED_CLASS_MIN];
  const dims = grouped(groupBy, classColumns);
  const band = `CASE WHEN c.n >= $3 THEN 'OVERSIZED' ELSE 'LARGE' END`;
  const where = ['c.n >= $2', ...conditions(filter, classColumns, params)].join(' AND ');
  const head = dims.length === 0 ? '' : `${select(dims)}, `;
  return {
    sql: `SELECT ${head}${band} AS "CLASS_SIZE_BAND", count(*)::int AS n ` +
      `FROM (SELECT s.bjdm, count(*) AS n FROM ${TABLES.students} s WHERE s.xsdqztm = $1 GROUP BY s.bjdm) c ` +
      `JOIN ${TABLES.classes} b ON b.bjdm = c.bjdm JOIN ${TABLES.schools} x ON x.xxdm = b.xxdm ` +
      `WHERE ${where} GROUP BY ${[...dims.map(([, column]) => column), band].join(', ')}`,
    params,
  };
}

/** Each school the filter reaches, with its district and running type: the groups other subgraphs count per school into. */
export function schoolGroupsStatement(filter: StatisticsFilter): SqlStatement {
  const params: unknown[] = [];
  const schoolOnly = { DISTRICT: 'x.xzqhm', RUNNING_TYPE: 'x.xxbxlxm' };
  const where = conditions(filter, schoolOnly, params);
  return {
    sql: `SELECT x.xxdm AS school, x.xzqhm AS "DISTRICT", x.xxbxlxm AS "RUNNING_TYPE" FROM ${TABLES.schools} x` +
      `${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY x.xxdm`,
    params,
  };
}
