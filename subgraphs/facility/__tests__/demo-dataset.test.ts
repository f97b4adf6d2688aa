import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { legacyDataPaths } from '../../../legacy/data-dir';
import { writeFacilityCsvs } from '../../../legacy/facility';
import { generateLegacyDataset } from '../../../legacy/generator';
import { createFacilityServices } from '../index';
import { facilityReads, recordingLogger, translated } from './facility-fixture';

describe('facility adapter over the generated demo exports', () => {
  it('loads every generated building, one read per district file, with no row rejected', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'edupool-facility-demo-'));
    const paths = legacyDataPaths(root);
    const dataset = generateLegacyDataset({ size: 'demo', seed: 20_260_901 });
    const files = await writeFacilityCsvs(dataset.buildings, dataset.schools, paths.facilityFile);
    const districtOf = new Map(dataset.schools.map((school) => [school.XXDM, school.XZQHM]));
    const logger = recordingLogger();
    const before = await facilityReads();
    const services = await createFacilityServices({ directory: paths.facilityDir, watch: false, logger });
    try {
      expect((await facilityReads()) - before).toBe(files.size);
      expect(logger.warnings()).toEqual([]);
      const ids = dataset.buildings.map((row) => row.建筑物编号);
      expect(await services.store.buildingsById(ids)).toEqual(dataset.buildings.map((row) => ({
        ...translated(row), districtCode: districtOf.get(row.学校标识码),
      })));
      const dangerous = await services.store.buildings({ appraisalGrades: ['D'] }, { limit: 1_000 });
      expect(dangerous.totalCount).toBe(dataset.buildings.filter((row) => row.鉴定等级 === 'D').length);
      expect(dangerous.totalCount).toBeGreaterThan(0);
    } finally {
      await services.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
