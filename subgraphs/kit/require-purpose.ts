import { shippedCatalog, type Catalog } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The purpose the request's token states, required when the coordinate's
 * catalog resource says `purposeRequired`. The gateway writes the token's
 * purpose into every audit row, and it only uses grants made for that same
 * purpose, so a required purpose means: every call is recorded with the
 * purpose it was granted for (Measures 第八章 supervision; 解读之六 使用方
 * 按最小化原则). Without one the call is FORBIDDEN before any legacy call.
 */
export function requirePurpose(context: BaseSubgraphContext, coordinate: string, catalog?: Catalog): string | undefined {
  const resource = (catalog ?? shippedCatalog()).resourceOf(coordinate);
  const purpose = context.request.purpose?.trim();
  if (resource?.conditions.purposeRequired && !purpose) {
    throw toGraphQLError(errors.forbidden(
      `call ${coordinate} without a purpose`,
      `catalog resource ${resource.code} requires every call to state its purpose: declare the purpose your grant was made for (header x-edupool-purpose, or a token issued with it: npm run token -- --purpose …).`,
    ));
  }
  return purpose || undefined;
}
