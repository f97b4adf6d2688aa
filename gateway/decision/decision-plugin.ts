import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../platform/logger';
import type { GatewayContext } from '../gateway-context';
import { answerRefusals } from '../enforcement/answer-refusals';
import { buildAuditEntry, type AuditSink } from '../enforcement/audit-entry';
import { storeFailureError, storeFailureShape } from '../enforcement/store-failure';
import { DISPUTES_EXTENSION, disputeFlags, type DisputeSource } from '../enforcement/dispute-flags';
import type { PermissionsProvider } from '../enforcement/permissions-provider';
import { requestChecks } from './request-checks';
import { decideRequest, type Admitted, type DecisionPorts, type DecisionSettings, type NamedCheck, type RequestDecision } from './request-decision';

const decisions = new WeakMap<object, RequestDecision>();

/** The admission of the request whose context this is; read by the gateway's executor (deciding-gateway.ts). */
export function admissionOf(context: object): Admitted | undefined {
  const decision = decisions.get(context);
  return decision?.kind === 'admitted' ? decision : undefined;
}

/**
 * The one plugin that applies the request's decision: once Apollo has
 * resolved the operation it works out the permissions (cached) and decides;
 * a rejection is the whole response, before anything is planned; an
 * admission's stripped operation is what the gateway plans (through its
 * executor, deciding-gateway.ts); on the way out each refusal is answered at
 * its path and the audit row is committed before the response leaves
 * (Measures ch. 7: nothing is served that is not recorded).
 */
export function decisionPlugin(options: {
  permissions: PermissionsProvider;
  settings: DecisionSettings;
  ports: DecisionPorts;
  audit: AuditSink;
  /** Where open objections are looked up, to flag disputed records (校核纠错); absent = no flags. */
  disputes?: DisputeSource;
  logger: Logger;
  checks?: ReadonlyArray<NamedCheck>;
}): ApolloServerPlugin<GatewayContext> {
  const checks = options.checks ?? requestChecks;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, schema, document, operation, operationName, request, queryHash }) {
          if (!operation) return;
          const permissions = await options.permissions.forRequest(contextValue).catch((error: unknown) => {
            options.logger.warn({ err: error, requestId: contextValue.requestId }, 'grants could not be read');
            throw storeFailureError(error, contextValue.requestId);
          });
          const decision = await decideRequest({
            context: contextValue, schema, document, operation, sentHash: queryHash, permissions,
            ...(operationName ? { operationName } : {}),
            ...(request.variables ? { variables: request.variables } : {}),
            settings: options.settings, ports: options.ports,
          }, checks);
          decisions.set(contextValue, decision);
          if (decision.kind === 'admitted') contextValue.enforcement.permissions = decision.permissions;
        },
        async responseForOperation({ contextValue, response }) {
          const decision = decisions.get(contextValue);
          if (decision?.kind !== 'rejected') return null;
          response.http.status = decision.httpStatus;
          if (decision.retryAfterSeconds !== undefined) response.http.headers.set('retry-after', String(decision.retryAfterSeconds));
          return { http: response.http, body: { kind: 'single', singleResult: { errors: [...decision.errors] } } };
        },
        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          const decision = decisions.get(contextValue);
          if (response.body.kind !== 'single' || !decision) return;
          const result = response.body.singleResult;
          if (decision.kind === 'admitted' && decision.refusedCoordinates.length > 0) {
            const data = result.data as Record<string, unknown> | null | undefined;
            result.errors = [...answerRefusals(data, decision.refusedCoordinates, decision.placeholders, decision.purpose), ...(result.errors ?? [])];
          }
          const entry = buildAuditEntry(contextValue, decision, requestContext.queryHash ?? '', requestContext.operationName ?? undefined, result.data, options.settings.catalog);
          if (!entry) return;
          try {
            await options.audit.append(entry);
          } catch (error) {
            // Measures ch. 7: nothing is served that is not recorded; the client gets an error, not the data.
            options.logger.error({ err: error, requestId: contextValue.requestId }, 'audit append failed; response withheld');
            response.body.singleResult = { errors: [storeFailure(error, contextValue)] };
            return;
          }
          if (!options.disputes) return;
          try {
            const flags = await disputeFlags(options.disputes, contextValue.enforcement.records);
            if (flags.length > 0) result.extensions = { ...result.extensions, [DISPUTES_EXTENSION]: flags };
          } catch (error) {
            // A record whose dispute status is unknown is not served as if undisputed (校核纠错).
            options.logger.error({ err: error, requestId: contextValue.requestId }, 'dispute look-up failed; response withheld');
            response.body.singleResult = { errors: [storeFailure(error, contextValue)] };
          }
        },
      };
    },
  };
}

/** A store that is not there is UPSTREAM_UNAVAILABLE (HTTP 503 at the front); anything else is our defect. */
function storeFailure(error: unknown, context: GatewayContext) {
  const shape = storeFailureShape(error, context.requestId);
  return { message: shape.message, extensions: { ...shape.extensions } };
}
