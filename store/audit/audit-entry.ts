import { createHash } from 'node:crypto';
import type { AuditEntryInput, PersonalRecordType, ServedRecord } from '../../platform/cross-part-types';

/** The audit's own names for the cross-part types (platform/cross-part-types.ts). */
export type AuditRecordType = PersonalRecordType;
export type AuditRecordInput = ServedRecord;

/**
 * The hashed content of an entry: exactly what is stored, normalised the same
 * way when it is written and when it is read back for verification (records
 * de-duplicated and sorted, optional fields as null, time as an ISO string).
 */
export interface AuditContent {
  readonly id: string;
  readonly at: string;
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  readonly purpose: string | null;
  /**
   * Who acted for the unit: a signed-in person's account id or an app's client
   * id. Present only when known, so the hashes of entries written before the
   * pool had people (operator tokens) are unchanged.
   */
  readonly person?: string;
  readonly client?: string;
  readonly operationHash: string;
  readonly operationName: string | null;
  readonly served: ReadonlyArray<string>;
  readonly refused: ReadonlyArray<{ readonly coordinate: string; readonly code: string }>;
  readonly recordCounts: Readonly<Record<string, number>>;
  readonly grantIds: ReadonlyArray<string>;
  readonly records: ReadonlyArray<AuditRecordInput>;
}

/** prev_hash of the first entry of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One row per record: a record served twice in one request is one access,
 * with the union of the grants it was served under. Sorted by code units (not
 * by a database collation) so that writer and verifier agree.
 */
export function normaliseRecords(records: ReadonlyArray<AuditRecordInput>): AuditRecordInput[] {
  const merged = new Map<string, { type: AuditRecordType; id: string; grants: Set<string> }>();
  for (const record of records) {
    const key = `${record.type}\u0000${record.id}`;
    const found = merged.get(key) ?? { type: record.type, id: record.id, grants: new Set<string>() };
    for (const grant of record.grantIds) found.grants.add(grant);
    merged.set(key, found);
  }
  return [...merged.values()]
    .map((r) => ({ type: r.type, id: r.id, grantIds: [...r.grants].sort(byCodeUnits) }))
    .sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.id, b.id));
}

/** The records of one type served under the same grants: how an entry's records are stored. */
export interface AuditRecordSet {
  readonly type: AuditRecordType;
  readonly grantIds: ReadonlyArray<string>;
  readonly ids: ReadonlyArray<string>;
}

/** Groups normalised records by type and grants (most pages are one set). */
export function recordSets(records: ReadonlyArray<AuditRecordInput>): AuditRecordSet[] {
  const sets = new Map<string, { type: AuditRecordType; grantIds: ReadonlyArray<string>; ids: string[] }>();
  for (const record of records) {
    const key = `${record.type}\u0000${record.grantIds.join('\u0000')}`;
    const set = sets.get(key) ?? { type: record.type, grantIds: record.grantIds, ids: [] };
    set.ids.push(record.id);
    sets.set(key, set);
  }
  return [...sets.values()];
}

/** The records of stored sets, normalised as when they were written. */
export function recordsOfSets(sets: ReadonlyArray<AuditRecordSet>): AuditRecordInput[] {
  return normaliseRecords(sets.flatMap((set) => set.ids.map((id) => ({ type: set.type, id, grantIds: [...set.grantIds] }))));
}

/** JSON with object keys in code-unit order at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(byCodeUnits);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256(prev_hash + canonical JSON of the content), hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

/**
 * Checks and normalises the gateway's input. A malformed entry is refused at
 * once, before it can take a whole batch of other requests down with it.
 */
export function toAuditContent(entry: AuditEntryInput, id: string, at: Date): AuditContent {
  // PostgreSQL text and jsonb cannot hold NUL; one such string must not fail the batch it would join.
  if (hasNul(entry)) {
    throw new TypeError(`audit entry ${entry.requestId.replaceAll('\u0000', '\\0')}: a string contains a NUL character`);
  }
  for (const [resource, count] of Object.entries(entry.recordCounts)) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new TypeError(`audit entry ${entry.requestId}: recordCounts.${resource} must be a non-negative integer, got ${count}`);
    }
  }
  for (const record of entry.records) {
    if (record.type !== 'Student' && record.type !== 'Teacher') {
      throw new TypeError(`audit entry ${entry.requestId}: record type must be Student or Teacher, got ${String(record.type)}`);
    }
  }
  return {
    id,
    at: at.toISOString(),
    requestId: entry.requestId,
    unit: entry.unit,
    tokenId: entry.tokenId,
    purpose: entry.purpose ?? null,
    ...actorOf(entry.person ?? null, entry.client ?? null),
    operationHash: entry.operationHash,
    operationName: entry.operationName ?? null,
    served: [...entry.served],
    refused: entry.refused.map(({ coordinate, code }) => ({ coordinate, code })),
    recordCounts: { ...entry.recordCounts },
    grantIds: [...entry.grantIds],
    records: normaliseRecords(entry.records),
  };
}

/** The optional actor keys of an entry's content, from stored or given values. */
export function actorOf(person: string | null, client: string | null): Pick<AuditContent, 'person' | 'client'> {
  return { ...(person !== null ? { person } : {}), ...(client !== null ? { client } : {}) };
}
