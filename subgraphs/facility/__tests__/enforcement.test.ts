import { graphql, type ExecutionResult } from 'graphql';
import { errors } from '../../../policies/errors';
import type { Permissions } from '../../../policies/permissions';
import { buildGuardedSchema } from '../../kit/guarded-schema';
import { catalog, contextFor, districtScope, silentLogger, testPermissions } from '../../kit/__tests__/test-permissions';
import { createFacilityServices, facility } from '../index';
import { createExportDirectory, facilityReads, recordingLogger } from './facility-fixture';

/** OUT_OF_SCOPE is about a grant's row scope: these permissions come from one. */
const GRANT = 'g-scope';

/**
 * Permissions enforced inside the facility subgraph: the row scope filters
 * the buildings list, a building asked for by id outside it is OUT_OF_SCOPE,
 * and conditional fields are refused with our codes.
 */
const tianhe = districtScope('440106', ['2144060001', '3144060002']);
const schema = buildGuardedSchema(facility, silentLogger);

describe('facility subgraph enforcement', () => {
  let folder: Awaited<ReturnType<typeof createExportDirectory>>;
  let services: Awaited<ReturnType<typeof createFacilityServices>>;

  beforeAll(async () => {
    folder = await createExportDirectory();
    services = await createFacilityServices({ directory: folder.directory, maxPageSize: 10, watch: false, logger: recordingLogger() });
  });
  afterAll(async () => {
    await services.close();
    await folder.remove();
  });

  const run = async (source: string, permissions: Permissions, variableValues?: Record<string, unknown>) => {
    const contextValue = contextFor(facility, services, permissions);
    const result = await graphql({ schema, source, contextValue, ...(variableValues ? { variableValues } : {}) });
    return { result, served: contextValue.recordsServed.toExtension() };
  };
  const errorsOf = (result: ExecutionResult) => result.errors?.map((e) => ({ path: e.path, message: e.message, code: e.extensions?.code }));
  const ids = (result: ExecutionResult) => (result.data as { buildings: { totalCount: number; edges: Array<{ node: { id: string } }> } }).buildings;

  it.each([
    ['the scope alone', '{}', 3, ['GZ-0001', 'GZ-0002', 'GZ-0003']],
    ['the scope and a school in it', '{ school: "3144060002" }', 1, ['GZ-0003']],
    ['the scope and a school outside it', '{ school: "2144140003" }', 0, []],
    ['the scope and a district outside it', '{ district: "440114" }', 0, []],
  ])('filters the buildings list by %s, totalCount included, reading no file', async (_case, filter, totalCount, expected) => {
    const before = await facilityReads();
    const { result } = await run(`{ buildings(first: 10, filter: ${filter}) { totalCount edges { node { id } } } }`, testPermissions({ scope: tianhe }));
    expect(result.errors).toBeUndefined();
    expect({ totalCount: ids(result).totalCount, ids: ids(result).edges.map((e) => e.node.id) }).toEqual({ totalCount, ids: expected });
    expect((await facilityReads()) - before).toBe(0);
  });

  it('answers a building outside the scope asked for by id with OUT_OF_SCOPE, an unknown one with null', async () => {
    const { result } = await run('{ out: building(id: "GZ-0004") { id } in: building(id: "GZ-0001") { id } none: building(id: "GZ-9999") { id } }', testPermissions({ scope: tianhe, grantId: GRANT }));
    expect(result.data).toEqual({ out: null, in: { id: 'GZ-0001' }, none: null });
    expect(errorsOf(result)).toEqual([{ path: ['out'], message: errors.outOfScope('Query.building', 'GZ-0004').message, code: 'OUT_OF_SCOPE' }]);
  });

  it('refuses an ungranted conditional field with NOT_GRANTED naming its resource', async () => {
    const { result } = await run('{ building(id: "GZ-0001") { id area appraisalGrade } }', testPermissions({ refuse: { 'Building.appraisalGrade': 'NOT_GRANTED' } }));
    // A governed field is nullable: its refusal nulls it alone, the building and its other fields stay.
    expect(result.data).toEqual({ building: { id: 'GZ-0001', area: 3200.5, appraisalGrade: null } });
    const { message } = errors.notGranted('Building.appraisalGrade', catalog.resourceOf('Building.appraisalGrade')!.code);
    expect(errorsOf(result)).toEqual([{ path: ['building', 'appraisalGrade'], message, code: 'NOT_GRANTED' }]);
  });

  it('checks entities record by record and refuses School.buildings of a school outside the scope', async () => {
    const { result, served } = await run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { code buildings { id } } ... on Building { id leased } } }',
      testPermissions({ scope: tianhe, grantId: GRANT }),
      { r: [{ __typename: 'School', code: '2144140003' }, { __typename: 'Building', id: 'GZ-0005' }, { __typename: 'Building', id: 'GZ-0003' }] },
    );
    expect(result.data).toEqual({ _entities: [{ code: '2144140003', buildings: null }, { id: 'GZ-0005', leased: null }, { id: 'GZ-0003', leased: true }] });
    expect(errorsOf(result)).toEqual([
      { path: ['_entities', 0, 'buildings'], message: errors.outOfScope('School.buildings', '2144140003').message, code: 'OUT_OF_SCOPE' },
      { path: ['_entities', 1, 'leased'], message: errors.outOfScope('Building.leased', 'GZ-0005').message, code: 'OUT_OF_SCOPE' },
    ]);
    // Buildings are no one's personal data: nothing to report for the audit.
    expect(served).toBeUndefined();
  });
});
