import type { Catalog } from '../../policies/catalog';
import { errors, type ErrorShape } from '../../policies/errors';
import { effectivePermissions } from '../../policies/permissions';
import {
  assignableRoles, checkAppRegistration, checkRoleAssignment, mayAdministerUnit, type AppRegistrationInput, type PersonRole,
} from '../../policies/people';
import type { UnitTree } from '../../policies/unit-tree';
import { hashClientSecret, newClientId, newClientSecret } from '../../platform/app-secrets';
import type { Clock } from '../../platform/clock';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { Logger } from '../../platform/logger';
import type { FetchClaims } from '../../platform/signed-context';
import type { GrantRecord } from '../../store';
import type { Account, AccountsRepository, AdminAction, AppCredential, AppCredentialsRepository } from '../../store/people';
import type { TokenRevocationService } from './token-revocations';

/**
 * A unit's administration by its app administrator (apps-schema.graphql):
 * app credentials and people's roles. Every use case first finds the signed-in
 * person behind the request (the sealed context's `person`) and requires
 * APP_ADMIN in the request's unit (policies/people mayAdministerUnit); each
 * change is written with its record in admin_actions, in one transaction.
 */
export interface UnitAdministration {
  apps(request: FetchClaims): Promise<AppCredential[]>;
  registerApp(request: FetchClaims, input: AppRegistrationInput): Promise<{ app: AppCredential; clientSecret: string }>;
  rotateAppSecret(request: FetchClaims, clientId: string): Promise<{ app: AppCredential; clientSecret: string }>;
  revokeApp(request: FetchClaims, clientId: string, reason: string): Promise<AppCredential>;
  accounts(request: FetchClaims): Promise<Account[]>;
  assignableRoles(request: FetchClaims): Promise<PersonRole[]>;
  setAccountRoles(request: FetchClaims, accountId: string, roles: ReadonlyArray<string>): Promise<Account>;
}

export interface UnitAdministrationDeps {
  readonly accounts: AccountsRepository;
  readonly apps: AppCredentialsRepository;
  readonly catalog: Catalog;
  readonly unitTree: () => UnitTree;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The unit's active grants now: an app's scope may name a resource the unit holds a grant for. */
  readonly activeGrants: (unit: string, at: Date) => Promise<GrantRecord[]>;
  /** Copies an app's revocation to the hot state the gateways read. */
  readonly tokens: TokenRevocationService;
}

const MAX_REASON_LENGTH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fail = (shape: ErrorShape): never => {
  throw toGraphQLError(shape);
};

export function createUnitAdministration(deps: UnitAdministrationDeps): UnitAdministration {
  // One look-up of the person per request, however many of these fields it asks for (keyed by the request's claims).
  const people = new WeakMap<FetchClaims, Promise<Account | undefined>>();
  /** The acting administrator; refuses a request with no person, or a person without APP_ADMIN in the unit. */
  const administrator = async (request: FetchClaims, action: string): Promise<Account> => {
    let found = people.get(request);
    if (!found) {
      found = request.person === undefined ? Promise.resolve(undefined) : deps.accounts.byId(request.person);
      people.set(request, found);
    }
    const person = await found;
    const active = person && !person.disabled ? person : undefined;
    const may = mayAdministerUnit(active, request.unit, action);
    if (!may.ok) fail(may.error);
    return active!;
  };
  const recordOf = (request: FetchClaims, admin: Account, action: AdminAction['action'], subject: string, details: AdminAction['details'], at: Date) => ({
    unit: request.unit, person: admin.id, requestId: request.requestId, action, subject, details, at,
  });
  /** The app of the caller's unit, still in use; refusals name what to do. */
  const appOfUnit = async (request: FetchClaims, clientId: string): Promise<AppCredential> => {
    const found = (await deps.apps.forClientAuthentication(clientId))?.app;
    if (!found || found.unit !== request.unit) return fail(errors.badUserInput('clientId', `no app of unit ${request.unit} has client id ${clientId.slice(0, 40)}; the apps query lists them.`));
    if (found.revokedAt) return fail(errors.badUserInput('clientId', `app ${clientId} was revoked at ${found.revokedAt.toISOString()}; register a new app instead.`));
    return found;
  };
  /** The update found no app in use: revoked between the look-up and the update, said as the look-up would say it. */
  const changedMeanwhile = async (request: FetchClaims, clientId: string): Promise<never> => {
    await appOfUnit(request, clientId);
    throw new Error(`app ${clientId} could not be changed though it is in use`);
  };
  const unitTypeOf = (unit: string) => {
    const found = deps.unitTree().get(unit);
    if (!found) throw new Error(`unit ${unit} of a verified request is not in the unit tree`);
    return found.type;
  };

  return {
    async apps(request) {
      await administrator(request, 'list the unit\'s apps');
      return deps.apps.ofUnit(request.unit);
    },
    async registerApp(request, input) {
      const admin = await administrator(request, 'register an app');
      const at = deps.clock.now();
      // The unit's access as the catalog page shows it: under no purpose, and under each purpose its grants are fixed to.
      const grants = await deps.activeGrants(request.unit, at);
      const access = [undefined, ...new Set(grants.map((grant) => grant.purpose))].map((purpose) => effectivePermissions({
        unit: request.unit, unitTree: deps.unitTree(), catalog: deps.catalog, grants, token: purpose ? { purpose } : {}, now: at,
      }));
      const checked = checkAppRegistration(input, deps.catalog, access);
      if (!checked.ok) return fail(checked.error);
      const clientId = newClientId();
      const clientSecret = newClientSecret();
      const app = await deps.apps.register(
        { clientId, unit: request.unit, ...checked.value, secretHash: hashClientSecret(clientSecret), createdBy: admin.id, createdAt: at },
        recordOf(request, admin, 'REGISTER_APP', clientId, { ...checked.value }, at),
      );
      deps.logger.info({ client: clientId, unit: request.unit, person: admin.id }, 'app registered');
      return { app, clientSecret };
    },
    async rotateAppSecret(request, clientId) {
      const admin = await administrator(request, 'rotate an app\'s secret');
      await appOfUnit(request, clientId);
      const at = deps.clock.now();
      const clientSecret = newClientSecret();
      const rotated = await deps.apps.rotate(clientId, request.unit, hashClientSecret(clientSecret), at, recordOf(request, admin, 'ROTATE_APP_SECRET', clientId, {}, at));
      if (!rotated) return changedMeanwhile(request, clientId);
      deps.logger.info({ client: clientId, unit: request.unit, person: admin.id }, 'app secret rotated');
      return { app: (await appOfUnit(request, clientId)), clientSecret };
    },
    async revokeApp(request, clientId, reason) {
      const admin = await administrator(request, 'revoke an app');
      const given = reason.trim();
      if (given === '' || given.length > MAX_REASON_LENGTH) fail(errors.badUserInput('reason', `say why the app is revoked, in 1 to ${MAX_REASON_LENGTH} characters.`));
      await appOfUnit(request, clientId);
      const at = deps.clock.now();
      const revoked = await deps.apps.revoke(clientId, request.unit, admin.id, at, given, recordOf(request, admin, 'REVOKE_APP', clientId, { reason: given }, at));
      if (!revoked) return changedMeanwhile(request, clientId);
      await deps.tokens.announceAppRevoked({ clientId, revokedAt: at });
      deps.logger.info({ client: clientId, unit: request.unit, person: admin.id }, 'app revoked');
      return (await deps.apps.forClientAuthentication(clientId))!.app;
    },
    async accounts(request) {
      await administrator(request, 'list the unit\'s people');
      return deps.accounts.ofUnit(request.unit);
    },
    async assignableRoles(request) {
      await administrator(request, 'list the roles of the unit');
      return assignableRoles(unitTypeOf(request.unit));
    },
    async setAccountRoles(request, accountId, roles) {
      const admin = await administrator(request, 'set people\'s roles');
      const account = UUID.test(accountId) ? await deps.accounts.byId(accountId) : undefined;
      if (!account || account.unit !== request.unit) {
        return fail(errors.badUserInput('accountId', `no account of unit ${request.unit} has id ${accountId.slice(0, 40)}; the unitAccounts query lists them.`));
      }
      const checked = checkRoleAssignment(roles, unitTypeOf(request.unit), { self: account.id === admin.id, had: account.roles });
      if (!checked.ok) return fail(checked.error);
      const at = deps.clock.now();
      const updated = await deps.accounts.setRoles(account.id, checked.value, admin.id, at, recordOf(request, admin, 'SET_ACCOUNT_ROLES', account.id, {
        login: account.login, before: account.roles, after: checked.value,
      }, at));
      deps.logger.info({ account: account.id, unit: request.unit, person: admin.id, roles: checked.value }, 'account roles set');
      return updated;
    },
  };
}
