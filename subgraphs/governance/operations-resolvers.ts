import { createHash } from 'node:crypto';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse } from 'graphql';
import { errors } from '../../policies/errors';
import { CITY_DIVISION_CODE } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { registeredOperationsRepository, type RegisteredOperation } from '../../store/registered-operations';
import { forgetRegisteredOperations } from '../../store/registered-operations-cache';
import type { GovernanceContext } from './resolvers';

/**
 * Registered operations (operations-schema.graphql). Who may act: the city
 * bureau (440100), whose data office supervises data sharing (Measures 第八章),
 * registers and deregisters for any partner department; a unit lists its own.
 * PostgreSQL holds the rows; the hot-state copy the gateways read is
 * forgotten after each change (store/registered-operations-cache).
 */
type Ctx = GovernanceContext;

const DEFAULT_LIST_SIZE = 100;

function requireCityBureau(context: Ctx, action: string): void {
  if (context.request.unit !== CITY_DIVISION_CODE) {
    throw toGraphQLError(errors.forbidden(action, `only the city bureau (${CITY_DIVISION_CODE}), whose data office supervises data sharing, may.`));
  }
}

function requirePartner(context: Ctx, unit: string, coordinate: string): void {
  if (context.services.unitTree().get(unit)?.type !== 'PARTNER_DEPARTMENT') {
    throw toGraphQLError(errors.badUserInput('unit', `${unit} is not a partner department; only partner departments run in the registered-operations mode.`, coordinate));
  }
}

function checkedText(text: string): string {
  try {
    parse(text);
  } catch (error) {
    const why = error instanceof GraphQLError ? error.message : 'it does not parse';
    throw toGraphQLError(errors.badUserInput('input.text', `is not a GraphQL operation: ${why}`, 'Mutation.registerOperation'));
  }
  return text;
}

const repository = (context: Ctx) => registeredOperationsRepository(context.services.store.pool, context.services.clock);

async function forget(context: Ctx, unit: string): Promise<void> {
  const hotState = context.services.hotState;
  if (hotState) await forgetRegisteredOperations(hotState, unit);
}

const view = (operation: RegisteredOperation) => ({ ...operation, registeredAt: operation.registeredAt.toISOString() });

export const operationsResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    registeredOperations: async (_: unknown, args: { unit?: string | null; first?: number | null }, context: Ctx) => {
      const own = context.request.unit;
      if (args.unit != null && args.unit !== own) requireCityBureau(context, `list the operations registered for ${args.unit}`);
      const first = args.first ?? DEFAULT_LIST_SIZE;
      const max = context.services.maxPageSize;
      if (!Number.isInteger(first) || first < 0 || first > max) {
        throw toGraphQLError(errors.badUserInput('first', `must be between 0 and ${max}, got ${first}.`, 'Query.registeredOperations'));
      }
      const unit = args.unit ?? (own === CITY_DIVISION_CODE ? undefined : own);
      return (await repository(context).list(unit, first)).map(view);
    },
  },
  Mutation: {
    registerOperation: async (_: unknown, args: { input: { unit: string; name: string; text: string } }, context: Ctx) => {
      requireCityBureau(context, 'register operations');
      const { unit, name } = args.input;
      requirePartner(context, unit, 'Mutation.registerOperation');
      if (name.trim().length === 0) throw toGraphQLError(errors.badUserInput('input.name', 'must not be empty.', 'Mutation.registerOperation'));
      const text = checkedText(args.input.text);
      const sha256 = createHash('sha256').update(text).digest('hex');
      const stored = await repository(context).register({ unit, sha256, name: name.trim(), text, registeredBy: context.request.unit });
      await forget(context, unit);
      return view(stored);
    },
    deregisterOperation: async (_: unknown, args: { unit: string; sha256: string }, context: Ctx) => {
      requireCityBureau(context, 'deregister operations');
      const removed = await repository(context).deregister(args.unit, args.sha256.toLowerCase());
      await forget(context, args.unit);
      return removed;
    },
  },
};
