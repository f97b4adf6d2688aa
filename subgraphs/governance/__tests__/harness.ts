import { loadDefaultCatalog } from '../../../policies/catalog';
import { chineseWorkingCalendar } from '../../../policies/deadlines';
import { effectivePermissions, serializePermissions } from '../../../policies/permissions';
import { createUnitTree } from '../../../policies/unit-tree';
import { fixedUnits, schoolUnit } from '../../../policies/units';
import type { PersonRole } from '../../../policies/people';
import { createMemoryHotState, onGrantChanges } from '../../../platform/hot-state';
import type { Listening } from '../../../platform/http-graphql';
import { accountsRepository } from '../../../store/people';
import { sealedRequests } from '../../kit/__tests__/sealed-requests';
import { openTestStore, silentLogger, type TestStore } from '../../../store/__tests__/test-store';
import { serveSubgraph } from '../../kit/serve-subgraph';
import { createGovernanceServices, governanceSubgraph, type GovernanceServices } from '../index';

/**
 * The governance subgraph served over HTTP on a store of its own, called the
 * way the gateway calls it: each request signed for one unit, with that
 * unit's permissions. The clock starts on Monday 3 March 2025, 10:00 in
 * Guangzhou, and tests move it.
 */
export const TIANHE_SCHOOL = '2144010001';
export const YUEXIU_SCHOOL = '2144010002';
export const unitTree = createUnitTree([
  ...fixedUnits, schoolUnit(TIANHE_SCHOOL, '广州市天河区示例小学', '440106'), schoolUnit(YUEXIU_SCHOOL, '广州市越秀区示例小学', '440104'),
]);
export const catalog = loadDefaultCatalog(unitTree);
export const START = new Date('2025-03-03T02:00:00Z');

export interface GraphQLAnswer<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions: Record<string, unknown> }>;
}

/** Answers are read field by field in the tests, as a client would; their shape is asserted there. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = Record<string, any>;

export interface Fixture {
  readonly t: TestStore;
  readonly services: GovernanceServices;
  /** Grantees whose grants changed, in the order the subgraph announced them to the gateways. */
  readonly announced: ReadonlyArray<string>;
  /** As the gateway calls: for `unit`, and for the signed-in person (an account id, or `{ person }`) or the app (`{ client }`) when given. */
  call(unit: string, query: string, variables?: Record<string, unknown>, as?: string | { person?: string; client?: string }): Promise<GraphQLAnswer<Data>>;
  /** Creates a person acting for `unit` with `roles`; returns the account id. */
  addPerson(unit: string, login: string, roles: ReadonlyArray<PersonRole>): Promise<string>;
  close(): Promise<void>;
}

export async function openFixture(): Promise<Fixture> {
  const t = await openTestStore(START);
  let server: Listening | undefined;
  try {
    const hotState = createMemoryHotState('governance-test:');
    const announced: string[] = [];
    await onGrantChanges(hotState, (unit) => announced.push(unit), () => undefined);
    const services = await createGovernanceServices({
      store: t.store, unitTree: () => unitTree, catalog, clock: t.clock, calendar: chineseWorkingCalendar, logger: silentLogger, hotState,
    });
    const accounts = accountsRepository(t.store.pool);
    const seal = await sealedRequests();
    server = await serveSubgraph(governanceSubgraph, services, seal.serveOptions);
    const url = server.url;
    let requests = 0;
    return {
      t,
      services,
      announced,
      call: async (unit, query, variables = {}, as = {}) => {
        const body = { query, variables };
        const permissions = serializePermissions(effectivePermissions({ unit, unitTree, catalog, grants: [], token: {}, now: t.clock.now() }));
        const actor = typeof as === 'string' ? { person: as } : as;
        const claims = { unit, requestId: `r${++requests}`, tokenId: `token-of-${unit}`, permissions, ...actor };
        const response = await seal.post(url, 'governance', claims, body);
        return await response.json() as GraphQLAnswer<Data>;
      },
      addPerson: async (unit, login, roles) =>
        (await accounts.ensure({ unit, login, displayName: login, roles, grantedBy: 'test' }, t.clock.now())).id,
      close: async () => {
        await server?.close();
        await t.drop();
      },
    };
  } catch (error) {
    await server?.close();
    await t.drop();
    throw error;
  }
}

/** The data of an answer that must have no errors. */
export function dataOf<T>(answer: GraphQLAnswer<T>): T {
  if (answer.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(answer.errors)}`);
  return answer.data as T;
}

/** The one error of an answer. */
export function errorOf(answer: GraphQLAnswer): { message: string; extensions: Record<string, unknown> } {
  expect(answer.errors).toHaveLength(1);
  const { message, extensions } = answer.errors![0]!;
  return { message, extensions };
}

export const APPLICATION_FIELDS = `id applicant resources fields purpose rowScope validUntil status submittedAt deadline overdue
  endorser provider awaitingUnit decidedAt
  history { seq fromStatus toStatus actor actorToken at reason conditions { fields rowScope masks { coordinate mask } purpose validUntil } }
  grant { id grantee provider resource fields rowScope masks { coordinate mask } purpose validFrom validUntil active revokedAt revokedBy revokeReason version }
  grants { id resource }`;

export const APPLY = `mutation Apply($input: ApplyForShareInput!) { applyForShare(input: $input) { ${APPLICATION_FIELDS} } }`;
export const ENDORSE = `mutation Endorse($id: ID!, $reason: String) { endorseShareApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const DECIDE = `mutation Decide($id: ID!, $decision: ShareDecision!, $conditions: GrantConditionsInput, $reason: String) {
  decideShareApplication(id: $id, decision: $decision, conditions: $conditions, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String) { withdrawShareApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const DECLINE = `mutation Decline($id: ID!, $reason: String!) { declineShareApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const RESUBMIT = `mutation Resubmit($id: ID!, $amendments: ResubmitShareApplicationInput, $reason: String) {
  resubmitShareApplication(id: $id, amendments: $amendments, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const GIVE_UP = `mutation GiveUp($id: ID!, $reason: String) {
  giveUpGrant(id: $id, reason: $reason) { id active givenUp revokedAt revokedBy revokedByPerson revokeReason version } }`;
/** The stage deadlines of one application. */
export const STAGES = `query Stages($id: ID!) { shareApplication(id: $id) { status deadline endorsementDeadline decisionDeadline overdue } }`;
export const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id active revokedAt revokedBy revokedByPerson revokeReason givenUp version } }`;
export const APPLICATION = `query One($id: ID!) { shareApplication(id: $id) { ${APPLICATION_FIELDS} } }`;

/** GZGAJ (public security) asks for students' ID numbers in Tianhe: conditional, no endorser. */
export const identityInput = {
  resources: ['GZJY-XS-002'], fields: ['Student.idNumber', 'Student.studentNumber'], purpose: '入学资格核验', rowScope: ['440106'], validUntil: '2025-06-30',
};
