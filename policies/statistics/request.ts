import { divisionByCode, ethnicityByCode, genders, gradeByCode, runningTypeByCode, type GenderCode } from '../standards';
import { canonicalGroupBy, groupableDimensions, type CellKey, type StatisticDimension } from './dimensions';

/**
 * One statistics question: which rows (filter) and how they are grouped. Its
 * canonical string is the key of the `Statistics` entity, so every subgraph
 * answering a part of it reads the same question.
 */
export interface StatisticsFilter {
  readonly referenceDate?: string;
  readonly district?: string;
  readonly runningType?: string;
  readonly grade?: string;
  readonly gender?: string;
  readonly ethnicity?: string;
}

export interface StatisticsRequest {
  readonly filter: StatisticsFilter;
  readonly groupBy: ReadonlyArray<StatisticDimension>;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly argument: string; readonly why: string };

const filterChecks: ReadonlyArray<[keyof StatisticsFilter, (code: string) => boolean, string]> = [
  ['referenceDate', (d) => /^\d{4}-\d{2}-\d{2}$/.test(d), 'an ISO date YYYY-MM-DD'],
  ['district', (c) => divisionByCode(c)?.historical === false, 'a current Guangzhou district code (GB/T 2260, e.g. 440106)'],
  ['runningType', (c) => runningTypeByCode(c) !== undefined, 'a 办学类型码 such as 211'],
  ['grade', (c) => gradeByCode(c) !== undefined, 'a 年级码 such as 11'],
  ['gender', (c) => c in genders, 'a GB/T 2261.1 sex code (1 or 2)'],
  ['ethnicity', (c) => ethnicityByCode(c) !== undefined, 'a GB/T 3304 ethnicity code such as 01'],
];

/** Validates the client's arguments; the groupBy comes back in canonical order. */
export function checkStatisticsRequest(filter: Record<string, unknown> | null | undefined, groupBy: ReadonlyArray<string> | null | undefined): Checked<StatisticsRequest> {
  const checked: Record<string, string> = {};
  for (const [name, valid, expected] of filterChecks) {
    const value = filter?.[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !valid(value)) return { ok: false, argument: `filter.${name}`, why: `expected ${expected}.` };
    checked[name] = value;
  }
  const dims = (groupBy ?? []) as StatisticDimension[];
  if (dims.some((d) => !groupableDimensions.includes(d))) return { ok: false, argument: 'groupBy', why: 'unknown dimension.' };
  return { ok: true, value: { filter: checked, groupBy: canonicalGroupBy(dims) } };
}

/** The entity key: canonical JSON, equal for equal questions. */
export function statisticsKey(request: StatisticsRequest): string {
  const filter = Object.fromEntries(Object.entries(request.filter).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({ filter, groupBy: request.groupBy });
}

export function parseStatisticsKey(key: string): Checked<StatisticsRequest> {
  let raw: { filter?: Record<string, unknown>; groupBy?: string[] };
  try {
    raw = JSON.parse(key) as typeof raw;
  } catch {
    return { ok: false, argument: 'query', why: 'not a statistics key.' };
  }
  return checkStatisticsRequest(raw.filter, raw.groupBy);
}

/** The district every row behind a cell lies in, when the cell or the filter pins one. */
export function districtOf(key: CellKey, filter: StatisticsFilter): string | undefined {
  return key.DISTRICT ?? filter.district;
}

/** The Chinese name of a dimension code, '' for a code outside its table. */
export function dimensionName(dimension: StatisticDimension, code: string): string {
  switch (dimension) {
    case 'DISTRICT': return divisionByCode(code)?.name ?? '';
    case 'RUNNING_TYPE': return runningTypeByCode(code)?.name ?? '';
    case 'GRADE': return gradeByCode(code)?.name ?? '';
    case 'GENDER': return genders[code as GenderCode]?.label ?? '';
    case 'ETHNICITY': return ethnicityByCode(code)?.name ?? '';
    case 'REFERENCE_DATE': return code;
    case 'CLASS_SIZE_BAND': return code === 'OVERSIZED' ? '超大班额' : code === 'LARGE' ? '大班额' : '';
  }
}
