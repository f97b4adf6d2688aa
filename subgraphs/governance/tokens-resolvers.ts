import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { TokenRevocation, UnitTokenCutoff } from '../../store';
import type { GovernanceContext } from './resolvers';

/** The token revocation mutations (tokens-schema.graphql); the rules are in token-revocations.ts. */
type Ctx = GovernanceContext;

const actorOf = (context: Ctx) => ({ unit: context.request.unit, tokenId: context.request.tokenId });

const revocationView = (revocation: TokenRevocation) => ({
  ...revocation, revokedAt: revocation.revokedAt.toISOString(), expiresAt: revocation.expiresAt.toISOString(),
});

const cutoffView = (cutoff: UnitTokenCutoff) => ({
  ...cutoff, revokedBefore: cutoff.revokedBefore.toISOString(), revokedAt: cutoff.revokedAt.toISOString(),
});

export const tokensResolvers: GraphQLResolverMap<Ctx> = {
  Mutation: {
    revokeToken: async (_: unknown, args: { jti: string; unit?: string | null; reason: string }, context: Ctx) =>
      revocationView(await context.services.tokens.revokeToken(actorOf(context), args.jti, args.unit, args.reason)),
    revokeUnitTokens: async (_: unknown, args: { unit: string; reason: string }, context: Ctx) =>
      cutoffView(await context.services.tokens.revokeUnitTokens(actorOf(context), args.unit, args.reason)),
  },
};
