import type { Objection } from '../../../policies/objections';
import { disputeFlags, type DisputeSource } from '../dispute-flags';

/** The flag a response carries for a disputed record: one look-up for the records served, none when none was, and never the claim itself. */
const objection: Objection = {
  id: 'o-1', recordType: 'Student', recordId: 'S1', coordinate: 'Student.birthDate', resource: 'GZJY-XS-001',
  filedBy: '440106', provider: '440100', reason: '与户籍不符', proposedValue: '2015-03-02', status: 'FILED',
  filedAt: new Date('2026-11-25T02:00:00Z'), deadline: new Date('2026-12-10T15:59:59.999Z'), closedAt: null, catalogVersion: 'v1',
};

function source(): DisputeSource & { calls: Array<ReadonlyArray<{ type: string; id: string }>> } {
  const calls: Array<ReadonlyArray<{ type: string; id: string }>> = [];
  return {
    calls,
    openOnRecords: async (records) => {
      calls.push(records);
      return records.some((r) => r.type === 'Student' && r.id === 'S1') ? [objection] : [];
    },
  };
}

describe('disputeFlags', () => {
  it('asks once for the distinct records served and flags the disputed field, without the reason or proposed value', async () => {
    const disputes = source();
    const flags = await disputeFlags(disputes, [
      { type: 'Student', id: 'S1', grantIds: [] }, { type: 'Student', id: 'S1', grantIds: ['g'] }, { type: 'Teacher', id: 'T1', grantIds: [] },
    ]);
    expect(disputes.calls).toEqual([[{ type: 'Student', id: 'S1' }, { type: 'Teacher', id: 'T1' }]]);
    expect(flags).toEqual([{
      recordType: 'Student', recordId: 'S1', coordinate: 'Student.birthDate', objection: 'o-1', status: 'FILED',
      filedAt: '2026-11-25T02:00:00.000Z', deadline: '2026-12-10T15:59:59.999Z',
    }]);
    expect(JSON.stringify(flags)).not.toMatch(/户籍|2015-03-02/);
  });

  it('costs no look-up when the response served no personal record', async () => {
    const disputes = source();
    expect(await disputeFlags(disputes, [])).toEqual([]);
    expect(disputes.calls).toEqual([]);
  });
});
