import { deepFreeze } from '../deep-freeze';
import { catalogResourceSchema, type CatalogResource } from './resource';

/** The loaded catalog: the single answer to "which resource is this field, and how is it shared". */
export interface Catalog {
  readonly resources: ReadonlyArray<CatalogResource>;
  /** The resource a coordinate belongs to; undefined for a coordinate the catalog does not cover. */
  resourceOf(coordinate: string): CatalogResource | undefined;
  byCode(code: string): CatalogResource | undefined;
}

export interface CatalogContext {
  /** The unit tree, or just the set of unit codes: a provider must be one of them. */
  readonly units: { has(code: string): boolean };
  /** The coordinates of the unified schema (`declaredCoordinates`). */
  readonly knownCoordinates: Iterable<string>;
}

/**
 * Validates catalog data (from code or from a stored catalog version) and
 * freezes it. Throws on the first problem, naming the resource and what is wrong,
 * so a bad catalog stops start-up instead of granting the wrong thing.
 */
export function loadCatalog(resources: ReadonlyArray<unknown>, context: CatalogContext): Catalog {
  const known = new Set(context.knownCoordinates);
  const byCode = new Map<string, CatalogResource>();
  const byCoordinate = new Map<string, CatalogResource>();

  resources.forEach((raw, index) => {
    const resource = parseResource(raw, index);
    checkResource(resource, context, known);
    if (byCode.has(resource.code)) throw new Error(`resource ${resource.code}: duplicate catalog code`);
    byCode.set(resource.code, resource);
    for (const coordinate of resource.coordinates) {
      const owner = byCoordinate.get(coordinate);
      if (owner === resource) throw new Error(`resource ${resource.code}: coordinate ${coordinate} listed twice`);
      if (owner !== undefined) {
        throw new Error(`resource ${resource.code}: coordinate ${coordinate} is already in resource ${owner.code}`);
      }
      byCoordinate.set(coordinate, resource);
    }
  });

  const all = Object.freeze([...byCode.values()]);
  return Object.freeze({
    resources: all,
    resourceOf: (coordinate: string) => byCoordinate.get(coordinate),
    byCode: (code: string) => byCode.get(code),
  });
}

function parseResource(raw: unknown, index: number): CatalogResource {
  const result = catalogResourceSchema.safeParse(raw);
  if (result.success) return deepFreeze(result.data);
  const code = (raw as { code?: unknown } | null)?.code;
  const label = typeof code === 'string' ? code : `#${index}`;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  throw new Error(`resource ${label}: ${where}${issue?.message ?? 'invalid'}`);
}

/** The rules that tie one resource to the units, the schema and the Measures. */
function checkResource(resource: CatalogResource, context: CatalogContext, known: ReadonlySet<string>): void {
  const fail = (problem: string): never => {
    throw new Error(`resource ${resource.code}: ${problem}`);
  };
  if (!context.units.has(resource.provider)) fail(`provider ${resource.provider} is not a unit`);
  for (const coordinate of resource.coordinates) {
    if (!known.has(coordinate)) fail(`unknown coordinate ${coordinate}`);
  }
  if (resource.shareType === 'NOT_SHARED' && !resource.legalBasis?.trim()) {
    fail('NOT_SHARED needs a legalBasis citing the law or policy that rules out sharing');
  }
  if (resource.open && resource.shareType !== 'UNCONDITIONAL') fail('open data must be UNCONDITIONAL');
  const { rowScope, masks, purposeRequired } = resource.conditions;
  const masked = Object.keys(masks);
  if (resource.shareType !== 'CONDITIONAL' && (rowScope || purposeRequired || masked.length > 0)) {
    fail(`only a CONDITIONAL resource may carry conditions, not ${resource.shareType}`);
  }
  for (const coordinate of masked) {
    if (!resource.coordinates.includes(coordinate)) fail(`mask on ${coordinate}, which the resource does not cover`);
  }
}

/** `conditions.masks["Student.idNumber"][0]`: coordinates contain a dot, so keys that are not plain names are quoted. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[_A-Za-z]\w*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}
