import { graphql, type ExecutionResult } from 'graphql';
import { sealedRequests } from '../../kit/__tests__/sealed-requests';
import { buildGuardedSchema } from '../../kit/guarded-schema';
import { serveSubgraph } from '../../kit/serve-subgraph';
import { allowAllPermissions, claimsWith, contextFor, silentLogger } from '../../kit/__tests__/test-permissions';
import { createFacilityServices, facility } from '../index';
import { createExportDirectory, facilityReads, recordingLogger } from './facility-fixture';

const schema = buildGuardedSchema(facility, silentLogger);

const BUILDING_FIELDS = `id name area structure use yearBuilt leased appraisalGrade
  seismicIntensity { degree label } school { code }`;
const SCHOOL_BUILDINGS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on School { code buildings { id appraisalGrade } } }
}`;

describe('facility subgraph', () => {
  let folder: Awaited<ReturnType<typeof createExportDirectory>>;
  let services: Awaited<ReturnType<typeof createFacilityServices>>;

  beforeAll(async () => {
    folder = await createExportDirectory();
    services = await createFacilityServices({ directory: folder.directory, maxPageSize: 3, watch: false, logger: recordingLogger() });
  });
  afterAll(async () => {
    await services.close();
    await folder.remove();
  });

  const run = (source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> =>
    graphql({ schema, source, variableValues, contextValue: contextFor(facility, services) });
  const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;

  it('answers a building in the unified form', async () => {
    const result = await run(`{ building(id: "GZ-0003") { ${BUILDING_FIELDS} } nothing: building(id: "none") { id } }`);
    expect(result).toEqual({
      data: {
        building: {
          id: 'GZ-0003', name: '学生宿舍', area: 1500.25, structure: 'BRICK_WOOD', use: 'LIVING', yearBuilt: 1978, leased: true,
          appraisalGrade: 'D', seismicIntensity: { degree: 7, label: '7度（0.10g）' }, school: { code: '3144060002' },
        },
        nothing: null,
      },
    });
  });

  it('pages the filtered buildings by cursor with a total count', async () => {
    const query = `query($after: String) {
      buildings(first: 2, after: $after, filter: { district: "440106" }) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const first = await run(query);
    const page = (first.data as { buildings: { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }).buildings;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['GZ-0001', 'GZ-0002']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await run(query, { after: page.pageInfo.endCursor });
    expect(second.data).toEqual({
      buildings: { totalCount: 3, edges: [{ node: { id: 'GZ-0003' } }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } },
    });
  });

  it('combines filter conditions', async () => {
    const result = await run('{ buildings(first: 3, filter: { appraisalGrade: D, structure: EARTH_WOOD }) { totalCount edges { node { id } } } }');
    expect(result.data).toEqual({ buildings: { totalCount: 1, edges: [{ node: { id: 'GZ-0005' } }] } });
  });

  it.each([
    ['first over the maximum', '{ buildings(first: 4) { totalCount } }'],
    ['a negative first', '{ buildings(first: -1) { totalCount } }'],
    ['a cursor it never returned', '{ buildings(after: "bm90LWEtY3Vyc29y") { totalCount } }'],
    ['a malformed district', '{ buildings(filter: { district: "天河" }) { totalCount } }'],
    ['a malformed school code', '{ buildings(filter: { school: "12" }) { totalCount } }'],
  ])('refuses %s as BAD_USER_INPUT', async (_what, query) => {
    expect(codeOf(await run(query))).toBe('BAD_USER_INPUT');
  });

  it('resolves School representations to their buildings from the index, reading no file', async () => {
    const before = await facilityReads();
    const result = await run(SCHOOL_BUILDINGS, {
      representations: [
        { __typename: 'School', code: '2144140003' }, { __typename: 'School', code: '2144060001' },
        { __typename: 'School', code: '2144999999' },
      ],
    });
    expect(result).toEqual({
      data: {
        _entities: [
          { code: '2144140003', buildings: [{ id: 'GZ-0004', appraisalGrade: 'B' }, { id: 'GZ-0005', appraisalGrade: 'D' }] },
          { code: '2144060001', buildings: [{ id: 'GZ-0001', appraisalGrade: 'A' }, { id: 'GZ-0002', appraisalGrade: 'C' }] },
          { code: '2144999999', buildings: [] },
        ],
      },
    });
    expect((await facilityReads()) - before).toBe(0);
  });

  it('resolves Building representations, null for an unknown id', async () => {
    const result = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { id area } } }', {
      r: [{ __typename: 'Building', id: 'GZ-0002' }, { __typename: 'Building', id: 'GZ-9999' }],
    });
    expect(result).toEqual({ data: { _entities: [{ id: 'GZ-0002', area: 860 }, null] } });
  });

  it('serves _entities over HTTP only with a gateway-signed context', async () => {
    const seal = await sealedRequests();
    const server = await serveSubgraph(facility, services, seal.serveOptions);
    try {
      const body = { query: SCHOOL_BUILDINGS, variables: { representations: [{ __typename: 'School', code: '3144060002' }] } };
      const unsealed = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(unsealed.status).toBe(401);
      const response = await seal.post(server.url, 'facility', claimsWith(allowAllPermissions()), body);
      expect(await response.json()).toEqual({
        data: { _entities: [{ code: '3144060002', buildings: [{ id: 'GZ-0003', appraisalGrade: 'D' }] }] },
      });
    } finally {
      await server.close();
    }
  });
});
