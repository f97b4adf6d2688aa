import { loadDefaultCatalog } from '../../policies/catalog';
import { createUnitTree } from '../../policies/unit-tree';
import { fixedUnits, schoolUnit } from '../../policies/units';
import { openTestStore, type TestStore } from './test-store';

const school = schoolUnit('2144010001', '广州市天河区示例小学', '440106');
const tree = createUnitTree([...fixedUnits, school]);

describe('units and catalog versions', () => {
  let t: TestStore;
  beforeAll(async () => { t = await openTestStore(); });
  afterAll(() => t.drop());

  it('sync the units table to exactly the tree given', async () => {
    await t.store.units.sync(tree.all());
    expect(await t.store.units.all()).toHaveLength(fixedUnits.length + 1);
    const renamed = { ...school, name: '广州市天河区第一示例小学' };
    await t.store.units.sync([...fixedUnits.filter((u) => u.code !== 'GZTJJ'), renamed]);
    const units = await t.store.units.all();
    expect(units.find((u) => u.code === school.code)).toEqual({ code: school.code, name: '广州市天河区第一示例小学', type: 'SCHOOL', parent: '440106' });
    expect(units.find((u) => u.code === '440100')).toEqual({ code: '440100', name: '广州市教育局', type: 'CITY_BUREAU' });
    expect(units.some((u) => u.code === 'GZTJJ')).toBe(false);
  });

  it('record each catalog once, under the sha256 of its canonical JSON', async () => {
    const catalog = loadDefaultCatalog(tree);
    const version = await t.store.catalog.record(catalog);
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.store.catalog.record(loadDefaultCatalog(tree))).toBe(version);
    expect(await t.store.catalog.get(version)).toEqual(JSON.parse(JSON.stringify(catalog.resources)));
    const changed = { resources: catalog.resources.map((r) => (r.code === 'GZJY-XS-001' ? { ...r, title: '学生基本信息（新）' } : r)) };
    expect(await t.store.catalog.record(changed)).not.toBe(version);
    const { rows } = await t.store.pool.query('SELECT count(*)::int AS n FROM catalog_versions');
    expect(rows[0].n).toBe(2);
  });
});
