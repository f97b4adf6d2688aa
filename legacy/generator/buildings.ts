/**
 * A school's buildings as the facility export lists them (校舍安全档案): 3–12 per
 * school by size. Older buildings are more often 砖混/砖木 and appraised C or D
 * (D = 危房); seismic intensity is the district's design value.
 */
import type { BuildingRow } from '../records';
import { chineseNumeral } from './chinese-numerals';
import type { PlannedSchool } from './schools';
import { weighted, type Random } from './random';

type Use = BuildingRow['用途'];
type Structure = BuildingRow['结构类型'];
type Grade = BuildingRow['鉴定等级'];

const KINDS: ReadonlyArray<readonly [name: string, use: Use, minArea: number, maxArea: number, weight: number]> = [
  ['教学楼', '教学及辅助用房', 2500, 9000, 30], ['实验楼', '教学及辅助用房', 1500, 5000, 8],
  ['综合楼', '教学及辅助用房', 2000, 7000, 10], ['图书馆', '教学及辅助用房', 800, 4000, 6],
  ['体育馆', '教学及辅助用房', 1200, 5000, 6], ['艺术楼', '教学及辅助用房', 800, 3000, 3],
  ['行政楼', '行政办公用房', 800, 3500, 8], ['学生宿舍', '生活用房', 1500, 8000, 8],
  ['教师宿舍', '生活用房', 800, 4000, 5], ['食堂', '生活用房', 600, 3000, 8],
  ['门卫室', '其他用房', 15, 60, 4], ['配电房', '其他用房', 20, 120, 3], ['仓库', '其他用房', 50, 400, 3],
];
const randomKind = weighted(KINDS.map((k) => [k, k[4]] as const));

const structureByEra: ReadonlyArray<readonly [before: number, pick: (random: Random) => Structure]> = [
  [1970, weighted<Structure>([['砖混', 45], ['砖木', 35], ['土木', 10], ['框架', 10]])],
  [1990, weighted<Structure>([['砖混', 55], ['框架', 40], ['砖木', 5]])],
  [2005, weighted<Structure>([['框架', 80], ['砖混', 20]])],
  [Infinity, weighted<Structure>([['框架', 97], ['砖混', 3]])],
];

const gradeByAge: ReadonlyArray<readonly [under: number, pick: (random: Random) => Grade]> = [
  [25, weighted<Grade>([['A', 88], ['B', 11], ['C', 1]])],
  [40, weighted<Grade>([['A', 60], ['B', 30], ['C', 9], ['D', 1]])],
  [Infinity, weighted<Grade>([['A', 35], ['B', 35], ['C', 22], ['D', 8]])],
];

export function generateBuildings(
  school: PlannedSchool, students: number, schoolYear: number, random: Random,
): BuildingRow[] {
  const count = Math.min(12, Math.max(3, Math.round(3 + students / 300) + random.int(-1, 2)));
  const kinds = [KINDS[0]!, ...Array.from({ length: count - 1 }, () => randomKind(random))];
  const seen = new Map<string, number>();
  const earliest = Math.max(1950, Number(school.row.JXNY.slice(0, 4)));
  // A village teaching point's classroom block is a fraction of a large school's.
  const scale = Math.min(1.6, Math.max(0.25, students / 1200));
  return kinds.map(([kind, use, minArea, maxArea], i): BuildingRow => {
    const nth = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, nth);
    // Skewed towards recent years: most old campuses have been rebuilt at least in part.
    const built = earliest + Math.floor((schoolYear - 1 - earliest) * Math.sqrt(random.next()));
    const structure = structureByEra.find(([before]) => built < before)![1](random);
    let grade = gradeByAge.find(([under]) => schoolYear - built < under)![1](random);
    if ((structure === '砖木' || structure === '土木') && grade === 'A') grade = 'B';
    return {
      建筑物编号: `${school.row.XXDM}J${String(i + 1).padStart(2, '0')}`,
      学校标识码: school.row.XXDM,
      学校名称: school.row.XXMC,
      建筑物名称: nth === 1 ? kind : `第${chineseNumeral(nth)}${kind}`,
      结构类型: structure,
      用途: use,
      '建筑面积(平方米)': ((minArea + random.next() * (maxArea - minArea)) * (use === '其他用房' ? 1 : scale)).toFixed(2),
      建筑年代: String(built),
      设计抗震烈度: school.district.seismicIntensity,
      鉴定等级: grade,
      是否租借: random.chance(school.row.XXBBM === '22' ? 0.15 : 0.03) ? '是' : '否',
    };
  });
}

/**
 * Every dataset, even demo, shows the 危房 case: if chance produced no D
 * building, the oldest building is appraised D.
 */
export function ensureDangerousBuilding(buildings: BuildingRow[]): void {
  if (buildings.some((b) => b.鉴定等级 === 'D')) return;
  const oldest = buildings.reduce((a, b) => (b.建筑年代 < a.建筑年代 ? b : a));
  oldest.鉴定等级 = 'D';
}
