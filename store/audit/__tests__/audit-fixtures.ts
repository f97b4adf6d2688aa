import pino from 'pino';
import type { Clock } from '../../../platform/clock';
import type { AuditEntryInput } from '../../../platform/cross-part-types';

export const silentLogger = pino({ level: 'silent' });

/** A clock that stands still, so stored times can be asserted exactly. */
export function fixedClock(iso = '2025-03-01T08:00:00.000Z'): Clock {
  return { now: () => new Date(iso) };
}

/** A plausible entry: a district bureau reading one student's name under a grant. */
export function auditEntry(n: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    requestId: `req-${n}`,
    unit: '440106',
    tokenId: `tok-${n % 7}`,
    purpose: '学位核验 enrolment check',
    operationHash: `op-${n % 3}`,
    operationName: 'StudentNames',
    served: ['Query.student', 'Student.name'],
    refused: [{ coordinate: 'Student.idNumber', code: 'NOT_GRANTED' }],
    recordCounts: { 'GZJY-XS-001': 1 },
    grantIds: ['g-1'],
    records: [{ type: 'Student', id: `S${String(n).padStart(6, '0')}`, grantIds: ['g-1'] }],
    ...overrides,
  };
}
