import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { encodeFacilityCsv, writeFacilityCsvs } from '../../../legacy/facility';
import type { BuildingRow, SchoolRow } from '../../../legacy/records';
import { legacyCallTotals } from '../../../platform/legacy-calls';
import type { FacilityLogger } from '../adapter';

/** Test data written by the legacy stand-in's own writer, so the adapter reads what production-like exports hold. */
export const schools: ReadonlyArray<SchoolRow> = [
  school('2144060001', '440106'), school('3144060002', '440106'), school('2144140003', '440114'),
];

export const buildings: ReadonlyArray<BuildingRow> = [
  building('GZ-0001', '2144060001', '天河第一小学', '教学楼', '框架', '教学及辅助用房', '3200.50', '2008', '7度', 'A', '否'),
  building('GZ-0002', '2144060001', '天河第一小学', '行政楼', '砖混', '行政办公用房', '860.00', '1992', '7度', 'C', '否'),
  building('GZ-0003', '3144060002', '天河实验中学', '学生宿舍', '砖木', '生活用房', '1500.25', '1978', '7度', 'D', '是'),
  building('GZ-0004', '2144140003', '花都区秀全小学', '教学楼"甲"栋', '框架', '教学及辅助用房', '2400.00', '2015', '6度', 'B', '否'),
  building('GZ-0005', '2144140003', '花都区秀全小学', '仓库, 旧', '土木', '其他用房', '120.75', '1965', '6度', 'D', '否'),
];

export function building(
  id: string, schoolCode: string, schoolName: string, name: string, structure: BuildingRow['结构类型'], use: BuildingRow['用途'],
  area: string, year: string, intensity: BuildingRow['设计抗震烈度'], grade: BuildingRow['鉴定等级'], leased: BuildingRow['是否租借'],
): BuildingRow {
  return {
    建筑物编号: id, 学校标识码: schoolCode, 学校名称: schoolName, 建筑物名称: name, 结构类型: structure, 用途: use,
    '建筑面积(平方米)': area, 建筑年代: year, 设计抗震烈度: intensity, 鉴定等级: grade, 是否租借: leased,
  };
}

function school(code: string, district: string): SchoolRow {
  return { XXDM: code, XXMC: '', XXDZ: '', XZQHM: district, JXNY: '200009', XXBXLXM: '211', XXBBM: '21', XZXM: '' };
}

/** The translation the unified schema promises, written out independently of the mapper. */
const structures = { 框架: 'FRAME', 砖混: 'BRICK_CONCRETE', 砖木: 'BRICK_WOOD', 土木: 'EARTH_WOOD' } as const;
const uses = { 教学及辅助用房: 'TEACHING', 行政办公用房: 'ADMINISTRATION', 生活用房: 'LIVING', 其他用房: 'OTHER' } as const;
export const translated = (row: BuildingRow) => ({
  id: row.建筑物编号, schoolCode: row.学校标识码, name: row.建筑物名称.trim(), area: Number(row['建筑面积(平方米)']),
  structure: structures[row.结构类型], use: uses[row.用途], yearBuilt: Number(row.建筑年代),
  seismicIntensity: row.设计抗震烈度 === '7度' ? { degree: 7, label: '7度（0.10g）' } : { degree: 6, label: '6度（0.05g）' },
  appraisalGrade: row.鉴定等级, leased: row.是否租借 === '是',
});

export const exportFile = (directory: string, district: string) => path.join(directory, `校舍_${district}.csv`);

export async function createExportDirectory(): Promise<{ directory: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'edupool-facility-'));
  const directory = path.join(parent, 'facility');
  await writeFacilityCsvs(buildings, schools, (district) => exportFile(directory, district));
  return { directory, remove: () => rm(parent, { recursive: true, force: true }) };
}

/**
 * Replaces one district's export the way a careful exporter does (write a
 * temporary file, then rename), so the watch sees one finished file and the
 * test never races a half-written one.
 */
export async function replaceExport(directory: string, district: string, bytes: Buffer): Promise<void> {
  const temporary = `${exportFile(directory, district)}.partial`;
  await writeFile(temporary, bytes);
  await rename(temporary, exportFile(directory, district));
}

export function rewriteExport(directory: string, district: string, rows: ReadonlyArray<BuildingRow>): Promise<void> {
  return replaceExport(directory, district, encodeFacilityCsv(rows));
}

export async function facilityReads(): Promise<number> {
  return (await legacyCallTotals()).facility ?? 0;
}

export function recordingLogger(): FacilityLogger & { warnings(): string[] } {
  const warn = jest.fn();
  return {
    info: jest.fn(), warn, error: jest.fn(),
    warnings: () => warn.mock.calls.map((call: unknown[]) => String(call[1])),
  } as unknown as FacilityLogger & { warnings(): string[] };
}
