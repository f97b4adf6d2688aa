import type { BuildingRow } from '../../legacy/records';
import { isSchoolCode } from '../../policies/standards';

/**
 * Facility export row (Chinese headers, text values) → unified building. This
 * is the boundary: a row either becomes a complete `Building` or is rejected
 * with every problem named, so nothing past the adapter sees the legacy shape.
 */

/** One row as read from the CSV, before validation: every column is just text. */
export type RawBuildingRow = { readonly [K in keyof BuildingRow]: string };

export type BuildingStructure = 'FRAME' | 'BRICK_CONCRETE' | 'BRICK_WOOD' | 'EARTH_WOOD';
export type BuildingUse = 'TEACHING' | 'ADMINISTRATION' | 'LIVING' | 'OTHER';
/** 鉴定等级: D = 危房 (dangerous building), C = repair or reinforce (DOMAIN.md "School buildings"). */
export type AppraisalGrade = 'A' | 'B' | 'C' | 'D';

export interface SeismicIntensity {
  readonly degree: number;
  readonly label: string;
}

export interface Building {
  readonly id: string;
  readonly schoolCode: string;
  /** GB/T 2260 code of the district whose export holds the building. */
  readonly districtCode: string;
  readonly name: string;
  /** 建筑面积 in m². */
  readonly area: number;
  readonly structure: BuildingStructure;
  readonly use: BuildingUse;
  readonly yearBuilt: number;
  readonly seismicIntensity: SeismicIntensity;
  readonly appraisalGrade: AppraisalGrade;
  readonly leased: boolean;
}

/** Structure columns of statistics form 基础基512. */
const structures: Readonly<Record<string, BuildingStructure>> = {
  框架: 'FRAME', 砖混: 'BRICK_CONCRETE', 砖木: 'BRICK_WOOD', 土木: 'EARTH_WOOD',
};

/** Use rows of statistics form 基础基512. */
const uses: Readonly<Record<string, BuildingUse>> = {
  教学及辅助用房: 'TEACHING', 行政办公用房: 'ADMINISTRATION', 生活用房: 'LIVING', 其他用房: 'OTHER',
};

/**
 * Design seismic intensity and its design basic acceleration: 7度 (0.10g) in
 * the central districts, 6度 (0.05g) in 花都, 从化, 增城 (DOMAIN.md). Only these
 * two occur in Guangzhou; anything else is a bad row, not a guess.
 */
const intensities: Readonly<Record<string, SeismicIntensity>> = {
  '6度': { degree: 6, label: '6度（0.05g）' },
  '7度': { degree: 7, label: '7度（0.10g）' },
};

const grades: ReadonlySet<string> = new Set<AppraisalGrade>(['A', 'B', 'C', 'D']);
const leasedFlags: Readonly<Record<string, boolean>> = { 是: true, 否: false };

/** The oldest year a school building in the exports can plausibly carry. */
const EARLIEST_YEAR = 1800;

export type MappedRow =
  | { readonly ok: true; readonly building: Building }
  | { readonly ok: false; readonly problems: ReadonlyArray<string> };

export function toBuilding(raw: RawBuildingRow, districtCode: string, currentYear: number): MappedRow {
  const text = (column: keyof BuildingRow) => raw[column].trim();
  const problems: string[] = [];
  const pick = <T>(table: Readonly<Record<string, T>>, column: keyof BuildingRow): T | undefined => {
    const value = table[text(column)];
    if (value === undefined) problems.push(`unknown ${column} '${text(column)}'`);
    return value;
  };

  const id = text('建筑物编号');
  if (id === '') problems.push('empty 建筑物编号');
  const schoolCode = text('学校标识码');
  if (!isSchoolCode(schoolCode)) problems.push(`学校标识码 '${schoolCode}' is not a Guangzhou school code`);
  const name = text('建筑物名称');
  if (name === '') problems.push('empty 建筑物名称');
  const areaText = text('建筑面积(平方米)');
  const area = Number(areaText);
  if (!/^\d+(\.\d+)?$/.test(areaText) || !(area > 0)) problems.push(`建筑面积(平方米) '${areaText}' is not a positive number`);
  const yearText = text('建筑年代');
  const yearBuilt = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || yearBuilt < EARLIEST_YEAR || yearBuilt > currentYear) {
    problems.push(`建筑年代 '${yearText}' is not a year between ${EARLIEST_YEAR} and ${currentYear}`);
  }
  const structure = pick(structures, '结构类型');
  const use = pick(uses, '用途');
  const seismicIntensity = pick(intensities, '设计抗震烈度');
  const leased = pick(leasedFlags, '是否租借');
  const grade = text('鉴定等级');
  if (!grades.has(grade)) problems.push(`unknown 鉴定等级 '${grade}'`);

  if (problems.length > 0 || !structure || !use || !seismicIntensity || leased === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    building: {
      id, schoolCode, districtCode, name, area, structure, use, yearBuilt, seismicIntensity,
      appraisalGrade: grade as AppraisalGrade, leased,
    },
  };
}
