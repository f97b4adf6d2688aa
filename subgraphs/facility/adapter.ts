import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { decode } from 'iconv-lite';
import { BUILDING_CSV_HEADERS, type BuildingRow } from '../../legacy/records';
import { legacyCall } from '../../platform/legacy-calls';
import type { Logger } from '../../platform/logger';
import {
  toBuilding, type AppraisalGrade, type Building, type BuildingStructure, type MappedRow, type RawBuildingRow,
} from './mapper';

/**
 * The only code that touches the facility exports: a folder of GBK CSV files,
 * one per district (`校舍_<districtCode>.csv`). Every file is parsed at start
 * into an in-memory index; requests only ever read the index, never a file.
 * When files change (fs.watch, debounced, plus an mtime/size poll in case the
 * watch misses an event, e.g. on network shares) only the changed files are
 * read again, one `csv-read` legacy call each, and a new index replaces the
 * old one in a single assignment. A file that does not decode or parse keeps
 * its previous data; a row that does not validate is skipped with a warning
 * naming the file and line.
 */

/** Pushed-down filter; every list is a set of allowed values, so a row scope can narrow it later. */
export interface BuildingFilter {
  readonly districtCodes?: ReadonlyArray<string>;
  readonly schoolCodes?: ReadonlyArray<string>;
  readonly appraisalGrades?: ReadonlyArray<AppraisalGrade>;
  readonly structures?: ReadonlyArray<BuildingStructure>;
}

/** Keyset page: at most `limit` buildings whose id sorts after `afterId`. */
export interface BuildingPage {
  readonly limit: number;
  readonly afterId?: string;
}

/** What one reload pass did, by file name. */
export interface ReloadReport {
  readonly read: ReadonlyArray<string>;
  readonly rejected: ReadonlyArray<string>;
  readonly removed: ReadonlyArray<string>;
  readonly buildings: number;
}

/** The port the rest of the subgraph uses. */
export interface FacilityStore {
  buildingsById(ids: ReadonlyArray<string>): Promise<ReadonlyArray<Building | undefined>>;
  buildingsOfSchools(codes: ReadonlyArray<string>): Promise<ReadonlyArray<ReadonlyArray<Building>>>;
  buildings(filter: BuildingFilter, page: BuildingPage): Promise<{ items: ReadonlyArray<Building>; totalCount: number }>;
  /** When the exports were last read into the index: the as-of time of what it serves. */
  loadedAt(): Date;
  /** Checks the folder now and reads the files that changed. */
  reload(): Promise<ReloadReport>;
  /** Settles after the next reload that read or dropped at least one file. */
  reloaded(): Promise<ReloadReport>;
  close(): Promise<void>;
}

export type FacilityLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface FacilityStoreOptions {
  readonly directory: string;
  /** Watch the folder and poll it (default true); without it only `reload()` refreshes. */
  readonly watch?: boolean;
  readonly debounceMs?: number;
  readonly pollIntervalMs?: number;
  readonly logger: FacilityLogger;
}

const EXPORT_NAME = /^校舍_(\d{6})\.csv$/;

interface BuildingIndex {
  /** Sorted by id: the order of every list and of the cursor. */
  readonly all: ReadonlyArray<Building>;
  readonly byId: ReadonlyMap<string, Building>;
  readonly bySchool: ReadonlyMap<string, ReadonlyArray<Building>>;
  readonly byDistrict: ReadonlyMap<string, ReadonlyArray<Building>>;
}

const byId = (a: Building, b: Building) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function openFacilityStore(options: FacilityStoreOptions): Promise<FacilityStore> {
  const found = await stat(options.directory).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new Error(`The facility export folder ${options.directory} does not exist. Set LEGACY_FACILITY_DIR, or run npm run legacy:generate for the demo data.`);
  }
  const store = new CsvFacilityStore(options);
  await store.reload();
  if (options.watch ?? true) store.startWatching(options.debounceMs ?? 100, options.pollIntervalMs ?? 5_000);
  return store;
}

class FileRejected extends Error {}

class CsvFacilityStore implements FacilityStore {
  private index: BuildingIndex = indexBuildings([]);
  /** Good data per file; a rejected read leaves the entry as it was. */
  private readonly loaded = new Map<string, ReadonlyArray<Building>>();
  /** Signature (inode, size, mtime) of each file as last read, good or bad, so a bad file is not re-read until it changes. */
  private readonly seen = new Map<string, string>();
  /** Files a watch event named: read again even if their signature looks unchanged. */
  private readonly dirty = new Set<string>();
  private readonly waiters: Array<{ resolve(report: ReloadReport): void; reject(error: Error): void }> = [];
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<ReloadReport> | undefined;
  private watcher: FSWatcher | undefined;
  private readonly timers: { debounce?: NodeJS.Timeout; poll?: NodeJS.Timeout } = {};
  private closed = false;
  private indexedAt = new Date();

  constructor(private readonly options: FacilityStoreOptions) {}

  loadedAt() {
    return this.indexedAt;
  }

  async buildingsById(ids: ReadonlyArray<string>) {
    const { byId: map } = this.index;
    return ids.map((id) => map.get(id));
  }

  async buildingsOfSchools(codes: ReadonlyArray<string>) {
    const { bySchool } = this.index;
    return codes.map((code) => bySchool.get(code) ?? []);
  }

  async buildings(filter: BuildingFilter, page: BuildingPage) {
    const matches = candidates(this.index, filter).filter(matcher(filter));
    let start = 0;
    if (page.afterId !== undefined) {
      const after = page.afterId;
      start = matches.findIndex((building) => building.id > after);
      if (start < 0) start = matches.length;
    }
    return { items: matches.slice(start, start + page.limit), totalCount: matches.length };
  }

  /** Passes never overlap; calls made while one is waiting share it. */
  reload(): Promise<ReloadReport> {
    if (this.queued) return this.queued;
    const queued = this.chain.then(() => {
      this.queued = undefined;
      return this.pass();
    });
    this.queued = queued;
    this.chain = queued.catch(() => undefined);
    return queued;
  }

  reloaded(): Promise<ReloadReport> {
    if (this.closed) return Promise.reject(new Error('the facility store is closed'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  startWatching(debounceMs: number, pollIntervalMs: number): void {
    const { directory, logger } = this.options;
    this.watcher = watch(directory, { persistent: false }, (_event, filename) => {
      if (filename) this.dirty.add(filename);
      clearTimeout(this.timers.debounce);
      this.timers.debounce = setTimeout(() => void this.reload(), debounceMs).unref();
    });
    this.watcher.on('error', (error) => logger.error({ directory, err: error }, 'watching the facility export folder failed; polling continues'));
    this.timers.poll = setInterval(() => void this.reload(), pollIntervalMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    clearTimeout(this.timers.debounce);
    clearInterval(this.timers.poll);
    await this.chain;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the facility store is closed'));
  }

  private async pass(): Promise<ReloadReport> {
    const { directory, logger } = this.options;
    const dirty = new Set(this.dirty);
    this.dirty.clear();
    const read: string[] = [];
    const rejected: string[] = [];
    const removed: string[] = [];
    if (this.closed) return { read, rejected, removed, buildings: this.index.all.length };
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => EXPORT_NAME.test(name)).sort();
    } catch (error) {
      logger.error({ directory, err: error }, 'cannot list the facility export folder; serving the previous data');
      return { read, rejected, removed, buildings: this.index.all.length };
    }
    for (const name of names) {
      const file = path.join(directory, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const signature = `${info.ino}:${info.size}:${info.mtimeMs}`;
      if (!dirty.has(name) && this.seen.get(name) === signature) continue;
      this.seen.set(name, signature);
      read.push(name);
      try {
        this.loaded.set(name, await readExport(file, name, logger));
      } catch (error) {
        rejected.push(name);
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn({ file: name, reason }, `facility export ${name} skipped (${reason}); its previous data is kept`);
      }
    }
    for (const name of [...this.seen.keys()].filter((known) => !names.includes(known))) {
      this.seen.delete(name);
      this.loaded.delete(name);
      removed.push(name);
      logger.info({ file: name }, 'facility export removed; its buildings are no longer served');
    }
    if (read.length === 0 && removed.length === 0) return { read, rejected, removed, buildings: this.index.all.length };
    // One assignment: a request sees the old index or the new one, never a mix.
    this.index = indexBuildings([...this.loaded.keys()].sort().map((name) => [name, this.loaded.get(name) ?? []]), logger);
    this.indexedAt = new Date();
    const report = { read, rejected, removed, buildings: this.index.all.length };
    logger.info(report, 'facility exports reloaded');
    for (const waiter of this.waiters.splice(0)) waiter.resolve(report);
    return report;
  }
}

/** Reads, decodes and validates one district export; throws FileRejected when the whole file is unusable. */
async function readExport(file: string, name: string, logger: FacilityLogger): Promise<ReadonlyArray<Building>> {
  const districtCode = EXPORT_NAME.exec(name)?.[1] ?? '';
  const text = decode(await legacyCall('facility', 'csv-read', () => readFile(file)), 'gbk');
  // iconv-lite decodes byte sequences that are not GBK as U+FFFD.
  if (text.includes('\uFFFD')) throw new FileRejected('not GBK text');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    throw new FileRejected(`not CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  const positions = columnPositions(header?.record ?? []);
  const width = header?.record.length ?? 0;
  const currentYear = new Date().getFullYear();
  const buildings: Building[] = [];
  const ids = new Set<string>();
  for (const { record, info } of rows) {
    const mapped = mapRecord(record, positions, width, districtCode, currentYear);
    const problems = mapped.ok ? (ids.has(mapped.building.id) ? [`duplicate 建筑物编号 '${mapped.building.id}'`] : []) : mapped.problems;
    if (!mapped.ok || problems.length > 0) {
      logger.warn({ file: name, line: info.lines, problems }, `${name} line ${info.lines} skipped: ${problems.join('; ')}`);
      continue;
    }
    ids.add(mapped.building.id);
    buildings.push(mapped.building);
  }
  return buildings;
}

function mapRecord(
  record: ReadonlyArray<string>, positions: ReadonlyArray<[keyof BuildingRow, number]>, width: number,
  districtCode: string, currentYear: number,
): MappedRow {
  if (record.length !== width) return { ok: false, problems: [`${record.length} fields where the header has ${width}`] };
  const raw = Object.fromEntries(positions.map(([column, at]) => [column, record[at] ?? ''])) as RawBuildingRow;
  return toBuilding(raw, districtCode, currentYear);
}

function columnPositions(header: ReadonlyArray<string>): Array<[keyof BuildingRow, number]> {
  const missing = BUILDING_CSV_HEADERS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new FileRejected(`not a facility export: header lacks ${missing.join(', ')}`);
  return BUILDING_CSV_HEADERS.map((column) => [column, header.indexOf(column)]);
}

/** A building id in two district files is kept from the first file (by name) and reported. */
function indexBuildings(files: ReadonlyArray<readonly [string, ReadonlyArray<Building>]>, logger?: FacilityLogger): BuildingIndex {
  const ids = new Map<string, Building>();
  const fileOf = new Map<string, string>();
  for (const [name, buildings] of files) {
    for (const building of buildings) {
      const first = fileOf.get(building.id);
      if (first !== undefined) {
        logger?.warn({ file: name, id: building.id, firstFile: first }, `building ${building.id} of ${name} is already in ${first}; skipped`);
        continue;
      }
      ids.set(building.id, building);
      fileOf.set(building.id, name);
    }
  }
  const all = [...ids.values()].sort(byId);
  return { all, byId: ids, bySchool: groupBy(all, (b) => b.schoolCode), byDistrict: groupBy(all, (b) => b.districtCode) };
}

function groupBy(sorted: ReadonlyArray<Building>, key: (building: Building) => string): Map<string, Building[]> {
  const groups = new Map<string, Building[]>();
  for (const building of sorted) {
    const group = groups.get(key(building));
    if (group) group.push(building);
    else groups.set(key(building), [building]);
  }
  return groups;
}

/** The narrowest pre-built list the filter allows, still sorted by id. */
function candidates(index: BuildingIndex, filter: BuildingFilter): ReadonlyArray<Building> {
  const from = (groups: ReadonlyMap<string, ReadonlyArray<Building>>, keys: ReadonlyArray<string>) =>
    [...new Set(keys)].flatMap((key) => groups.get(key) ?? []).sort(byId);
  if (filter.schoolCodes) return from(index.bySchool, filter.schoolCodes);
  if (filter.districtCodes) return from(index.byDistrict, filter.districtCodes);
  return index.all;
}

function matcher(filter: BuildingFilter): (building: Building) => boolean {
  const allows = <T>(values: ReadonlyArray<T> | undefined, value: T) => values === undefined || values.includes(value);
  return (building) =>
    allows(filter.districtCodes, building.districtCode) && allows(filter.schoolCodes, building.schoolCode)
    && allows(filter.appraisalGrades, building.appraisalGrade) && allows(filter.structures, building.structure);
}
