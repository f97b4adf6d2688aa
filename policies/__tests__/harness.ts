import { catalogResources, loadCatalog, type CatalogResourceInput } from '../catalog';
import { declaredCoordinates } from '../coordinates';
import { createUnitTree } from '../unit-tree';
import { fixedUnits, schoolUnit, type Unit } from '../units';

/** A primary school in 天河区 and a junior high in 增城区, as the school directory would give them. */
export const tianheSchool = schoolUnit('2144010001', '广州市天河区示例小学', '440106');
export const zengchengSchool = schoolUnit('3144020002', '广州市增城区示例中学', '440118');

export const units = createUnitTree([...fixedUnits, tianheSchool, zengchengSchool]);

/** The fixed units plus `extra`, which must be rejected with `message`. */
export function expectUnitsError(extra: ReadonlyArray<Unit>, message: RegExp): void {
  expect(() => createUnitTree([...fixedUnits, ...extra])).toThrow(message);
}

/** A mutable copy of the shipped catalog, with a finder by catalog code. */
export interface EditableCatalog {
  readonly resources: CatalogResourceInput[];
  get(code: string): CatalogResourceInput;
}

/** Applies `mutate` to a copy of the shipped catalog and expects loading to fail with `message`. */
export function expectCatalogError(mutate: (catalog: EditableCatalog) => void, message: RegExp): void {
  const resources = structuredClone(catalogResources) as CatalogResourceInput[];
  mutate({
    resources,
    get(code) {
      const found = resources.find((resource) => resource.code === code);
      if (found === undefined) throw new Error(`test bug: no resource ${code}`);
      return found;
    },
  });
  expect(() => loadCatalog(resources, { units, knownCoordinates: declaredCoordinates })).toThrow(message);
}
