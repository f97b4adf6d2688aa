import {
  CITY_DIVISION_CODE, createUnitTree, effectivePermissions, fixedUnits, schoolUnit, serializePermissions, type Catalog, type UnitTree,
} from '../policies';
import type { HotState } from '../platform/hot-state';
import { readThrough } from '../platform/hot-state/non-personal-cache';
import type { ContextSealer } from '../platform/context-sealer';

/**
 * Schools are units too, and the school directory (学校名录) is their source:
 * the gateway reads it from the student subgraph, like any other consumer,
 * under the city bureau's identity, and builds the unit tree from it. It never
 * opens a legacy store itself. Given the hot state, instances share one copy
 * of the directory (non-personal: code, name, district) for its TTL, so a
 * gateway starting then does not ask the student subgraph again.
 */
const SCHOOLS_QUERY = `query SchoolDirectory($after: String) {
  schools(first: 500, after: $after) { edges { node { code name district { code } } } pageInfo { hasNextPage endCursor } }
}`;

interface SchoolsPage {
  data?: { schools: { edges: Array<{ node: { code: string; name: string; district: { code: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  errors?: Array<{ message: string }>;
}

/** A school as the directory lists it. */
export interface DirectoryEntry {
  readonly code: string;
  readonly name: string;
  readonly district: string;
}

export async function loadUnitTree(
  studentSubgraphUrl: string, sealer: ContextSealer, catalog: Catalog, now: Date,
  cache?: { readonly hotState: HotState; readonly ttlSeconds: number },
): Promise<UnitTree> {
  const read = () => readSchoolDirectory(studentSubgraphUrl, sealer, catalog, now);
  const schools = cache ? await readThrough(cache.hotState, 'school-directory', 'all', cache.ttlSeconds, read) : await read();
  return createUnitTree([...fixedUnits, ...schools.map((school) => schoolUnit(school.code, school.name, school.district))]);
}

async function readSchoolDirectory(
  studentSubgraphUrl: string, sealer: ContextSealer, catalog: Catalog, now: Date,
): Promise<DirectoryEntry[]> {
  // The city bureau's own permissions over the fixed units: the directory is open data, read like any consumer reads it.
  const permissions = serializePermissions(effectivePermissions({
    unit: CITY_DIVISION_CODE, unitTree: createUnitTree(fixedUnits), catalog, grants: [], token: {}, now,
  }));
  const schools: DirectoryEntry[] = [];
  let after: string | null = null;
  do {
    const claims = { unit: CITY_DIVISION_CODE, requestId: 'school-directory', tokenId: 'gateway', permissions };
    const response = await sealer.fetch(studentSubgraphUrl, 'student', claims, JSON.stringify({ query: SCHOOLS_QUERY, variables: { after } }), {
      fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(30_000) }),
    });
    const page = await response.json() as SchoolsPage;
    if (!page.data) throw new Error(`Could not read the school directory: ${page.errors?.map((e) => e.message).join('; ') ?? response.status}`);
    for (const edge of page.data.schools.edges) schools.push({ code: edge.node.code, name: edge.node.name, district: edge.node.district.code });
    after = page.data.schools.pageInfo.hasNextPage ? page.data.schools.pageInfo.endCursor : null;
  } while (after);
  return schools;
}
