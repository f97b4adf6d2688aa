import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Account, AppCredential } from '../../store/people';
import type { GovernanceContext } from './resolvers';

/** Apps and people of the caller's unit (apps-schema.graphql); the rules are in unit-administration.ts. */
type Ctx = GovernanceContext;

const appView = (app: AppCredential) => ({
  clientId: app.clientId,
  name: app.name,
  scope: app.scope,
  purpose: app.purpose,
  createdAt: app.createdAt.toISOString(),
  rotatedAt: app.rotatedAt?.toISOString() ?? null,
  revokedAt: app.revokedAt?.toISOString() ?? null,
  revokeReason: app.revokeReason ?? null,
});

const accountView = (now: Date) => (account: Account) => ({
  id: account.id,
  login: account.login,
  displayName: account.displayName,
  roles: account.roles,
  lockedUntil: account.signIn.lockedUntil && account.signIn.lockedUntil > now ? account.signIn.lockedUntil.toISOString() : null,
  disabled: account.disabled,
});

const withSecret = ({ app, clientSecret }: { app: AppCredential; clientSecret: string }) => ({ app: appView(app), clientSecret });

export const appsResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    apps: async (_: unknown, __: unknown, context: Ctx) => (await context.services.administration.apps(context.request)).map(appView),
    unitAccounts: async (_: unknown, __: unknown, context: Ctx) =>
      (await context.services.administration.accounts(context.request)).map(accountView(context.services.clock.now())),
    assignableRoles: (_: unknown, __: unknown, context: Ctx) => context.services.administration.assignableRoles(context.request),
  },
  Mutation: {
    registerApp: async (_: unknown, args: { input: { name: string; scope: string[]; purpose: string } }, context: Ctx) =>
      withSecret(await context.services.administration.registerApp(context.request, args.input)),
    rotateAppSecret: async (_: unknown, args: { clientId: string }, context: Ctx) =>
      withSecret(await context.services.administration.rotateAppSecret(context.request, args.clientId)),
    revokeApp: async (_: unknown, args: { clientId: string; reason: string }, context: Ctx) =>
      appView(await context.services.administration.revokeApp(context.request, args.clientId, args.reason)),
    setAccountRoles: async (_: unknown, args: { accountId: string; roles: string[] }, context: Ctx) =>
      accountView(context.services.clock.now())(await context.services.administration.setAccountRoles(context.request, args.accountId, args.roles)),
  },
};
