import { declaredCoordinates } from '../coordinates';
import { deepFreeze } from '../deep-freeze';
import { fixedUnits } from '../units';
import { loadCatalog, type Catalog, type CatalogContext } from './load-catalog';
import type { CatalogResourceInput } from './resource';
import { facilityResources } from './resources/facility';
import { schoolResources } from './resources/school';
import { statisticsResources } from './resources/statistics';
import { studentRecordResources } from './resources/student-record';
import { studentResources } from './resources/student';
import { teacherResources } from './resources/teacher';
import { verificationResources } from './resources/verification';

/**
 * The city's data resource catalog (数据资源目录) as shipped. Codes read
 * GZJY-<area>-<nnn>: XX 学校, XS 学生, JS 教师, SS 校舍 (设施), TJ 统计, HY 核验.
 */
export const catalogResources: ReadonlyArray<CatalogResourceInput> = deepFreeze([
  ...schoolResources,
  ...studentResources,
  ...studentRecordResources,
  ...teacherResources,
  ...facilityResources,
  ...statisticsResources,
  ...verificationResources,
]);

/** The shipped catalog checked against the declared schema and the given units. */
export function loadDefaultCatalog(units: CatalogContext['units']): Catalog {
  return loadCatalog(catalogResources, { units, knownCoordinates: declaredCoordinates });
}

let shipped: Catalog | undefined;

/**
 * The shipped catalog over the fixed units (every provider is one), loaded
 * once per process: the gateway and every subgraph in it share this one
 * object instead of each validating the catalog again.
 */
export function shippedCatalog(): Catalog {
  return (shipped ??= loadDefaultCatalog(new Set(fixedUnits.map((unit) => unit.code))));
}
