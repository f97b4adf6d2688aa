import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { print, type DocumentNode } from 'graphql';
import type { Catalog } from '../../policies';
import type { Logger } from '../../platform/logger';
import type { GatewayContext } from '../gateway-context';
import { buildAuditEntry, type AuditSink } from './audit-entry';
import { storeFailureError, storeFailureShape } from './store-failure';
import { DISPUTES_EXTENSION, disputeFlags, type DisputeSource } from './dispute-flags';
import { answerRefusals, refusalErrors } from './answer-refusals';
import type { PermissionsProvider } from './permissions-provider';
import { stripRefusedFields } from './strip-refused-fields';

export type RefusalMode = 'partial' | 'reject';

/** Governance mutations after which this instance's cached grants may be stale. */
const GRANT_CHANGING_FIELDS = new Set(['applyForShare', 'decideShareApplication', 'revokeGrant', 'withdrawShareApplication', 'endorseShareApplication']);

/**
 * The gateway's enforcement, in Apollo's request pipeline: once the operation
 * is resolved, work out the permissions (cached), strip refused fields before
 * the gateway plans (so they cost nothing downstream), or reject the whole
 * request when the operator chose that; on the way out answer each refusal at
 * its path and commit the audit row before the response leaves.
 */
export function enforcementPlugin(options: {
  permissions: PermissionsProvider;
  catalog: Catalog;
  refusalMode: RefusalMode;
  audit: AuditSink;
  /** Where open objections are looked up, to flag disputed records (校核纠错); absent = no flags. */
  disputes?: DisputeSource;
  logger: Logger;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let operationHash = '';
      let grantChanging = false;
      return {
        async didResolveOperation(requestContext) {
          const state = requestContext.contextValue.enforcement;
          const permissions = await options.permissions.forRequest(requestContext.contextValue).catch((error: unknown) => {
            options.logger.warn({ err: error, requestId: requestContext.contextValue.requestId }, 'grants could not be read');
            throw storeFailureError(error, requestContext.contextValue.requestId);
          });
          state.permissions = permissions;
          operationHash = requestContext.queryHash ?? '';
          const operation = requestContext.operation;
          grantChanging = operation?.operation === 'mutation'
            && operation.selectionSet.selections.some((s) => s.kind === 'Field' && GRANT_CHANGING_FIELDS.has(s.name.value));
          const stripped = stripRefusedFields(
            requestContext.schema, requestContext.document, requestContext.operationName, (c) => permissions.coordinates[c],
          );
          state.refused = stripped.refused;
          state.served = stripped.served;
          state.placeholders = stripped.placeholders;
          if (stripped.document !== requestContext.document) {
            // The gateway caches query plans by queryHash: the stripped operation needs its own.
            const mutable = requestContext as unknown as { document: DocumentNode; queryHash: string };
            mutable.document = stripped.document;
            mutable.queryHash = createHash('sha256').update(print(stripped.document)).digest('hex');
          }
        },
        async responseForOperation(requestContext) {
          const state = requestContext.contextValue.enforcement;
          if (options.refusalMode !== 'reject' || state.refused.length === 0) return null;
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: { errors: refusalErrors(state.refused) } } };
        },
        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          const state = contextValue.enforcement;
          if (response.body.kind !== 'single' || !state.permissions) return;
          const result = response.body.singleResult;
          if (options.refusalMode === 'partial' && state.refused.length > 0) {
            const answered = answerRefusals(result.data as Record<string, unknown> | null | undefined, state.refused, state.placeholders);
            result.errors = [...answered, ...(result.errors ?? [])];
          }
          if (grantChanging) options.permissions.invalidate();
          const entry = buildAuditEntry(contextValue, operationHash, requestContext.operationName ?? undefined, result.data, options.catalog);
          if (!entry) return;
          try {
            await options.audit.append(entry);
          } catch (error) {
            // Measures ch. 7: nothing is served that is not recorded; the client gets an error, not the data.
            options.logger.error({ err: error, requestId: contextValue.requestId }, 'audit append failed; response withheld');
            const shape = storeFailureShape(error, contextValue.requestId);
            response.body.singleResult = { errors: [{ message: shape.message, extensions: { ...shape.extensions } }] };
            return;
          }
          if (!options.disputes) return;
          try {
            const flags = await disputeFlags(options.disputes, state.records);
            if (flags.length > 0) result.extensions = { ...result.extensions, [DISPUTES_EXTENSION]: flags };
          } catch (error) {
            // A record whose dispute status is unknown is not served as if undisputed (校核纠错).
            options.logger.error({ err: error, requestId: contextValue.requestId }, 'dispute look-up failed; response withheld');
            const shape = storeFailureShape(error, contextValue.requestId);
            response.body.singleResult = { errors: [{ message: shape.message, extensions: { ...shape.extensions } }] };
          }
        },
      };
    },
  };
}
