import { stringify } from 'csv-stringify/sync';
import { decode, encode } from 'iconv-lite';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUILDING_CSV_HEADERS, type BuildingRow, type SchoolRow } from '../records';

/**
 * Writes the facility exports as the asset system produces them: one CSV per
 * district, GBK-encoded, Chinese headers, CRLF line ends, no BOM (an Excel
 * "CSV" save on a Chinese Windows). Parsing stays with the facility subgraph.
 *
 * A building names its school, not its district, so the schools say which
 * district file it belongs to. Returns the files written, by district code.
 */
export async function writeFacilityCsvs(
  buildings: ReadonlyArray<BuildingRow>,
  schools: ReadonlyArray<SchoolRow>,
  fileFor: (districtCode: string) => string,
): Promise<Map<string, string>> {
  const districtOf = new Map(schools.map((s) => [s.XXDM, s.XZQHM]));
  const byDistrict = new Map<string, BuildingRow[]>();
  for (const building of buildings) {
    const district = districtOf.get(building.学校标识码);
    if (district === undefined) throw new Error(`building ${building.建筑物编号} names unknown school ${building.学校标识码}`);
    const rows = byDistrict.get(district);
    if (rows) rows.push(building);
    else byDistrict.set(district, [building]);
  }
  const written = new Map<string, string>();
  for (const [district, rows] of [...byDistrict].sort(([a], [b]) => a.localeCompare(b))) {
    const file = fileFor(district);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, encodeFacilityCsv(rows));
    written.set(district, file);
  }
  return written;
}

/** One district's export as GBK bytes. Throws rather than write '?' for a character GBK lacks. */
export function encodeFacilityCsv(rows: ReadonlyArray<BuildingRow>): Buffer {
  const text = stringify(rows.map((row) => BUILDING_CSV_HEADERS.map((h) => row[h])), {
    header: true,
    columns: [...BUILDING_CSV_HEADERS],
    record_delimiter: 'windows',
  });
  const bytes = encode(text, 'gbk');
  // iconv-lite replaces what GBK cannot hold with '?'; a silent replacement would corrupt a name.
  const back = decode(bytes, 'gbk');
  if (back !== text) {
    const at = [...text].findIndex((ch, i) => [...back][i] !== ch);
    throw new Error(`facility export: "${[...text][at] ?? ''}" cannot be written in GBK`);
  }
  return bytes;
}
