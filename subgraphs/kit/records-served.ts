import type { ApolloServerPlugin } from '@apollo/server';
import { RECORDS_SERVED_EXTENSION, type PersonalRecordType, type RecordsServedExtension } from '../../platform/cross-part-types';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * Which personal records a subgraph response carried, so that the gateway can
 * audit every access to a record (accessesOfRecord: who saw this student,
 * when, under which grant). Collected per request while fields resolve and
 * added to the response as `extensions.recordsServed`:
 *
 *   { "Student": [{ "id": "2144…", "grantIds": ["g-12"] }], "Teacher": [...] }
 *
 * A record counts once however many of its fields were returned; `grantIds`
 * is the union of the grants its fields were served under (empty when only
 * the unit's own jurisdiction was used). The wire format is in
 * platform/cross-part-types.ts, where the gateway reads it from.
 */
export class RecordsServed {
  private readonly records = new Map<PersonalRecordType, Map<string, Set<string>>>();

  add(type: PersonalRecordType, id: string, grantIds: ReadonlyArray<string>): void {
    let ofType = this.records.get(type);
    if (!ofType) {
      ofType = new Map();
      this.records.set(type, ofType);
    }
    let grants = ofType.get(id);
    if (!grants) {
      grants = new Set();
      ofType.set(id, grants);
    }
    for (const grantId of grantIds) grants.add(grantId);
  }

  /** Undefined when no personal record was served, so responses without any stay as they were. */
  toExtension(): RecordsServedExtension | undefined {
    if (this.records.size === 0) return undefined;
    const extension: { -readonly [K in PersonalRecordType]?: Array<{ id: string; grantIds: string[] }> } = {};
    for (const [type, ofType] of this.records) {
      extension[type] = [...ofType].map(([id, grants]) => ({ id, grantIds: [...grants].sort() }));
    }
    return extension;
  }
}

/** Adds the collected records to the response; an error-only response carries whatever was served before the error. */
export function recordsServedPlugin<TContext extends BaseSubgraphContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const served = contextValue.recordsServed.toExtension();
          if (!served) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [RECORDS_SERVED_EXTENSION]: served };
        },
      };
    },
  };
}
