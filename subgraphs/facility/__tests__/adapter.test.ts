import { rm, utimes } from 'node:fs/promises';
import { encode } from 'iconv-lite';
import type { BuildingRow } from '../../../legacy/records';
import { createFacilityServices, type FacilityStore } from '../index';
import {
  building, buildings, createExportDirectory, exportFile, facilityReads, recordingLogger, replaceExport, rewriteExport, translated,
} from './facility-fixture';

type Services = Awaited<ReturnType<typeof createFacilityServices>>;

const TIANHE = '440106';
const HUADU = '440114';

async function ids(store: FacilityStore): Promise<string[]> {
  return (await store.buildings({}, { limit: 100 })).items.map((b) => b.id);
}

describe('facility CSV adapter', () => {
  let folder: Awaited<ReturnType<typeof createExportDirectory>>;
  let services: Services;
  let logger: ReturnType<typeof recordingLogger>;
  let readsAtStart: number;

  beforeEach(async () => {
    folder = await createExportDirectory();
    logger = recordingLogger();
    const before = await facilityReads();
    services = await createFacilityServices({ directory: folder.directory, maxPageSize: 50, logger });
    readsAtStart = (await facilityReads()) - before;
  });
  afterEach(async () => {
    await services.close();
    await folder.remove();
  });

  it('reads every district file once at start and serves the translated rows', async () => {
    expect(readsAtStart).toBe(2);
    const found = await services.store.buildingsById(buildings.map((row) => row.建筑物编号));
    expect(found).toEqual(buildings.map((row) => ({
      ...translated(row), districtCode: row.学校标识码 === '2144140003' ? HUADU : TIANHE,
    })));
  });

  it('answers any number of queries from the index without reading a file', async () => {
    const before = await facilityReads();
    for (let i = 0; i < 25; i += 1) {
      await services.store.buildings({ districtCodes: [TIANHE], appraisalGrades: ['D'] }, { limit: 10 });
      await services.store.buildingsOfSchools(['2144060001', '2144140003']);
      await services.store.buildingsById(['GZ-0003']);
    }
    expect((await facilityReads()) - before).toBe(0);
  });

  it('filters with pushed-down sets and pages by id', async () => {
    const page = await services.store.buildings({ districtCodes: [TIANHE, HUADU], appraisalGrades: ['D'] }, { limit: 1 });
    expect(page).toMatchObject({ totalCount: 2, items: [{ id: 'GZ-0003' }] });
    const next = await services.store.buildings({ appraisalGrades: ['D'] }, { limit: 5, afterId: 'GZ-0003' });
    expect(next.items.map((b) => b.id)).toEqual(['GZ-0005']);
  });

  it('serves a rewritten file after the reload its change triggers, reading only that file', async () => {
    const before = await facilityReads();
    const reloaded = services.store.reloaded();
    await rewriteExport(folder.directory, HUADU, [
      building('GZ-0004', '2144140003', '花都区秀全小学', '教学楼"甲"栋', '框架', '教学及辅助用房', '2600.00', '2015', '6度', 'A', '否'),
    ]);
    const report = await reloaded;
    expect(report).toMatchObject({ read: [`校舍_${HUADU}.csv`], rejected: [], removed: [] });
    expect((await facilityReads()) - before).toBe(1);
    expect(await services.store.buildingsById(['GZ-0004', 'GZ-0005'])).toEqual([
      expect.objectContaining({ area: 2600, appraisalGrade: 'A' }), undefined,
    ]);
  });

  it.each([
    ['bytes that are not GBK', Buffer.from([0xb1, 0xe0, 0xff, 0xff, 0x0d, 0x0a])],
    ['UTF-8 text', Buffer.from('建筑物编号,学校标识码\r\nGZ-9,2144060001\r\n', 'utf8')],
    ['a broken CSV quote', encode('建筑物编号,"学校标识码\r\n', 'gbk')],
    ['an empty file', Buffer.alloc(0)],
  ])('keeps the previous data of a file replaced by %s', async (_what, bytes) => {
    const before = await facilityReads();
    const reloaded = services.store.reloaded();
    await replaceExport(folder.directory, TIANHE, bytes);
    expect(await reloaded).toMatchObject({ read: [`校舍_${TIANHE}.csv`], rejected: [`校舍_${TIANHE}.csv`] });
    expect((await facilityReads()) - before).toBe(1);
    expect(await ids(services.store)).toEqual(buildings.map((row) => row.建筑物编号));
    expect(logger.warnings()).toEqual([expect.stringContaining(`校舍_${TIANHE}.csv skipped`)]);
  });

  it('skips a row that does not validate, naming file and line, and keeps the rest', async () => {
    const reloaded = services.store.reloaded();
    await rewriteExport(folder.directory, HUADU, [
      buildings[3]!,
      { ...buildings[4]!, 结构类型: '钢结构' as BuildingRow['结构类型'] },
      { ...buildings[4]!, 建筑物编号: 'GZ-0006', '建筑面积(平方米)': '约120' },
    ]);
    await reloaded;
    expect(await ids(services.store)).toEqual(['GZ-0001', 'GZ-0002', 'GZ-0003', 'GZ-0004']);
    expect(logger.warnings()).toEqual([
      `校舍_${HUADU}.csv line 3 skipped: unknown 结构类型 '钢结构'`,
      `校舍_${HUADU}.csv line 4 skipped: 建筑面积(平方米) '约120' is not a positive number`,
    ]);
  });

  it('drops the buildings of a removed file', async () => {
    const reloaded = services.store.reloaded();
    await rm(exportFile(folder.directory, HUADU));
    expect(await reloaded).toMatchObject({ read: [], removed: [`校舍_${HUADU}.csv`] });
    expect(await ids(services.store)).toEqual(['GZ-0001', 'GZ-0002', 'GZ-0003']);
  });
});

describe('facility CSV adapter without watching', () => {
  it('re-reads on reload() only the files whose mtime or size changed (the polling fallback)', async () => {
    const folder = await createExportDirectory();
    const services = await createFacilityServices({ directory: folder.directory, watch: false, logger: recordingLogger() });
    try {
      let before = await facilityReads();
      expect(await services.store.reload()).toMatchObject({ read: [] });
      expect((await facilityReads()) - before).toBe(0);

      await utimes(exportFile(folder.directory, TIANHE), new Date(), new Date(Date.now() + 5_000));
      before = await facilityReads();
      expect(await services.store.reload()).toMatchObject({ read: [`校舍_${TIANHE}.csv`] });
      expect((await facilityReads()) - before).toBe(1);
    } finally {
      await services.close();
      await folder.remove();
    }
  });

  it('refuses to start on a missing folder with a message that says what to set', async () => {
    await expect(createFacilityServices({ directory: '/nonexistent/facility', logger: recordingLogger() }))
      .rejects.toThrow(/LEGACY_FACILITY_DIR/);
  });
});
