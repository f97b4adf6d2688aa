import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { syntheticStudentSource } from '../../../test/support/synthetic-student-source';
import { legacyDataPaths } from '../../data-dir';
import { readManifest } from '../../manifest';
import type { BuildingRow, TeacherRecord } from '../../records';

// The orchestration is tested on a tiny hand-made dataset; the generator has its own tests.
const mockGenerate = jest.fn(() => {
  const source = syntheticStudentSource(30);
  const building = (xxdm: string): BuildingRow => ({
    建筑物编号: `${xxdm}-01`, 学校标识码: xxdm, 学校名称: '裕华小学', 建筑物名称: '教学楼', 结构类型: '框架', 用途: '教学及辅助用房',
    '建筑面积(平方米)': '100.00', 建筑年代: '2001', 设计抗震烈度: '7度', 鉴定等级: 'B', 是否租借: '否',
  });
  return {
    ...source,
    options: { size: 'demo', seed: 1, schoolYear: 2022 },
    teachers: [{ GH: 'T1', XXDM: source.schools[0]!.XXDM } as TeacherRecord],
    buildings: source.schools.map((s) => building(s.XXDM)),
  };
});
// The factory runs when the import below is hoisted above mockGenerate's definition: reach it lazily.
jest.mock('../../generator', () => ({ generateLegacyDataset: () => mockGenerate() }), { virtual: true });

import { ensureLegacyData } from '../ensure-legacy-data';

describe('ensureLegacyData', () => {
  let root: string;
  beforeAll(async () => { root = await mkdtemp(path.join(tmpdir(), 'edupool-ensure-')); });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('generates into an empty data folder, then leaves it alone', async () => {
    const manifest = await ensureLegacyData(root);
    expect(manifest).toMatchObject({
      size: 'demo', schoolYear: 2022, studentDb: 'pglite',
      counts: { schools: 2, students: 30, guardians: 60, teachers: 1, buildings: 2, facilityFiles: 2 },
    });
    const paths = legacyDataPaths(root);
    expect(await readManifest(paths.manifestFile)).toEqual(manifest);
    expect((await readdir(paths.facilityDir)).sort()).toEqual(['校舍_440106.csv', '校舍_440111.csv']);

    expect(await ensureLegacyData(root)).toEqual(manifest);
    expect(mockGenerate).toHaveBeenCalledTimes(1);
  });
});
