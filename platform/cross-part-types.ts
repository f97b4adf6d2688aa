import { z } from 'zod';

/**
 * The types that cross parts of the pool (gateway, subgraphs, governance
 * store), defined once here and imported by each: no part reaches into
 * another's files for them (lint enforces the boundaries, eslint.config.mjs).
 */

/** A page when the client gives no `first`: lists in every subgraph, and the gateway's cost estimate. */
export const DEFAULT_PAGE_SIZE = 20;

/** The personal records whose every access is audited (accessesOfRecord). */
export type PersonalRecordType = 'Student' | 'Teacher';

/** One personal record a response served, with the grants its fields were served under (none: the unit's own jurisdiction). */
export interface ServedRecord {
  readonly type: PersonalRecordType;
  readonly id: string;
  readonly grantIds: ReadonlyArray<string>;
}

/**
 * The served-records wire format: a subgraph adds it to its response as
 * `extensions.recordsServed`, the gateway reads it back for the audit:
 *
 *   { "Student": [{ "id": "2144…", "grantIds": ["g-12"] }], "Teacher": [...] }
 */
export type RecordsServedExtension = Partial<Record<PersonalRecordType, ReadonlyArray<{ readonly id: string; readonly grantIds: ReadonlyArray<string> }>>>;

export const RECORDS_SERVED_EXTENSION = 'recordsServed';

const servedList = z.array(z.strictObject({ id: z.string(), grantIds: z.array(z.string()) })).optional();
const extensionSchema = z.strictObject({ Student: servedList, Teacher: servedList });

/**
 * The records one subgraph response reports, flattened. Throws on a
 * malformed extension, so a subgraph fault is never audited as "nothing served".
 */
export function readRecordsServed(extensions: Readonly<Record<string, unknown>> | undefined): ServedRecord[] {
  const value = extensions?.[RECORDS_SERVED_EXTENSION];
  if (value === undefined) return [];
  const parsed = extensionSchema.parse(value);
  return (['Student', 'Teacher'] as const).flatMap((type) => (parsed[type] ?? []).map((record) => ({ type, ...record })));
}

/**
 * One audited request as the gateway hands it to the governance store
 * (issue 5, item 6): who asked (unit, person or app, token, the purpose it declared), what
 * (operation hash and name), what was answered and refused by schema
 * coordinate, how many records per resource, under which grants, and which
 * student and teacher records were served.
 */
export interface AuditEntryInput {
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  readonly purpose?: string;
  /** The signed-in person (account id) who asked, for a console session. */
  readonly person?: string;
  /** The registered app (client id) that asked, for a client-credentials token. */
  readonly client?: string;
  readonly operationHash: string;
  readonly operationName?: string;
  readonly served: ReadonlyArray<string>;
  readonly refused: ReadonlyArray<{ readonly coordinate: string; readonly code: string }>;
  readonly recordCounts: Readonly<Record<string, number>>;
  readonly grantIds: ReadonlyArray<string>;
  readonly records: ReadonlyArray<ServedRecord>;
}
