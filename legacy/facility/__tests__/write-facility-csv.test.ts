import { parse } from 'csv-parse/sync';
import { decode } from 'iconv-lite';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUILDING_CSV_HEADERS, type BuildingRow, type SchoolRow } from '../../records';
import { encodeFacilityCsv, writeFacilityCsvs } from '../write-facility-csv';

const schools: SchoolRow[] = [school('2144000001', '440106'), school('3144000002', '440114')];
const buildings: BuildingRow[] = [
  building('B1', '2144000001', '裕华小学', '教学楼"甲"栋', 'A'),
  building('B2', '2144000001', '裕华小学', '综合楼, 含图书馆', 'D'),
  building('B3', '3144000002', '花都区秀全中学', '学生宿舍\n(旧)', 'C'),
];

describe('facility CSV export', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'edupool-facility-')); });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes one GBK file per district that decodes back to the rows', async () => {
    const written = await writeFacilityCsvs(buildings, schools, (d) => path.join(dir, `校舍_${d}.csv`));
    expect([...written.keys()]).toEqual(['440106', '440114']);

    const bytes = await readFile(written.get('440106')!);
    // GBK, not UTF-8: 裕 is D4 A3 in GBK and E8 A3 95 in UTF-8.
    expect(bytes.includes(Buffer.from([0xd4, 0xa3]))).toBe(true);
    expect(bytes.includes(Buffer.from('裕', 'utf8'))).toBe(false);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);

    const text = decode(bytes, 'gbk');
    expect(text.split('\r\n')[0]).toBe(BUILDING_CSV_HEADERS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parse(text, { columns: true, record_delimiter: '\r\n' }) as BuildingRow[];
    expect(parsed).toEqual(buildings.filter((b) => b.学校标识码 === '2144000001'));

    const other = parse(decode(await readFile(written.get('440114')!), 'gbk'), { columns: true }) as BuildingRow[];
    expect(other).toEqual([buildings[2]]);
  });

  it('refuses text GBK cannot hold instead of writing "?"', () => {
    expect(() => encodeFacilityCsv([building('B9', '2144000001', '𠮷野家小学', '楼', 'A')])).toThrow('cannot be written in GBK');
  });

  it('refuses a building whose school is unknown', async () => {
    await expect(writeFacilityCsvs([building('B8', '9999999999', 'x', 'y', 'A')], schools, (d) => path.join(dir, d)))
      .rejects.toThrow('unknown school 9999999999');
  });
});

function school(xxdm: string, district: string): SchoolRow {
  return { XXDM: xxdm, XXMC: '', XXDZ: '', XZQHM: district, JXNY: '199001', XXBXLXM: '211', XXBBM: '21', XZXM: '' };
}

function building(id: string, xxdm: string, schoolName: string, name: string, grade: BuildingRow['鉴定等级']): BuildingRow {
  return {
    建筑物编号: id, 学校标识码: xxdm, 学校名称: schoolName, 建筑物名称: name, 结构类型: '框架', 用途: '教学及辅助用房',
    '建筑面积(平方米)': '1234.50', 建筑年代: '1998', 设计抗震烈度: '7度', 鉴定等级: grade, 是否租借: '否',
  };
}
