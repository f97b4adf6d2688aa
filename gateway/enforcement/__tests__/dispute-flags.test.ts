import type { Objection } from '../../../policies/objections';
import { batchedDisputeSource, disputeFlags, type DisputeSource } from '../dispute-flags';

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

describe('batchedDisputeSource', () => {
  const teacherObjection: Objection = { ...objection, id: 'o-2', recordType: 'Teacher', recordId: 'T1', coordinate: 'Teacher.title' };
  const both = (): DisputeSource & { calls: Array<ReadonlyArray<{ type: string; id: string }>>; failing: boolean } => {
    const calls: Array<ReadonlyArray<{ type: string; id: string }>> = [];
    const state = {
      calls,
      failing: false,
      openOnRecords: async (records: ReadonlyArray<{ type: string; id: string }>) => {
        calls.push(records);
        if (state.failing) throw new Error('connection refused');
        return [objection, teacherObjection].filter((o) => records.some((r) => r.type === o.recordType && r.id === o.recordId));
      },
    };
    return state;
  };

  it('answers the responses that ask in one turn with one look-up, each with the objections on its own records only', async () => {
    const source = both();
    const batched = batchedDisputeSource(source);
    const [first, second, third] = await Promise.all([
      batched.openOnRecords([{ type: 'Student', id: 'S1' }, { type: 'Student', id: 'S2' }]),
      batched.openOnRecords([{ type: 'Teacher', id: 'T1' }, { type: 'Student', id: 'S1' }]),
      batched.openOnRecords([{ type: 'Student', id: 'S3' }]),
    ]);
    expect(source.calls).toHaveLength(1);
    expect([...source.calls[0]!].sort((a, b) => `${a.type}${a.id}`.localeCompare(`${b.type}${b.id}`))).toEqual([
      { type: 'Student', id: 'S1' }, { type: 'Student', id: 'S2' }, { type: 'Student', id: 'S3' }, { type: 'Teacher', id: 'T1' },
    ]);
    expect(first.map((o) => o.id)).toEqual(['o-1']);
    expect(second.map((o) => o.id)).toEqual(['o-1', 'o-2']);
    expect(third).toEqual([]);
  });

  it('caches nothing: a response after another reads the objections afresh', async () => {
    const source = both();
    const batched = batchedDisputeSource(source);
    await batched.openOnRecords([{ type: 'Student', id: 'S1' }]);
    await batched.openOnRecords([{ type: 'Student', id: 'S1' }]);
    expect(source.calls).toHaveLength(2);
  });

  it('fails every response that waited on a look-up that failed', async () => {
    const source = both();
    source.failing = true;
    const batched = batchedDisputeSource(source);
    const answers = await Promise.allSettled([
      batched.openOnRecords([{ type: 'Student', id: 'S1' }]),
      batched.openOnRecords([{ type: 'Teacher', id: 'T9' }]),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(source.calls).toHaveLength(1);
  });

  it('splits a turn of more than 5,000 records into several look-ups instead of refusing it', async () => {
    const source = both();
    const batched = batchedDisputeSource(source);
    const pages = Array.from({ length: 12 }, (_, page) => Array.from({ length: 500 }, (_, i) => ({ type: 'Student' as const, id: `P${page}-${i}` })));
    const answers = await Promise.all([...pages, [{ type: 'Student' as const, id: 'S1' }]].map((records) => batched.openOnRecords(records)));
    expect(source.calls.map((records) => records.length)).toEqual([5_000, 1_001]);
    expect(answers.at(-1)!.map((o) => o.id)).toEqual(['o-1']);
  });
});
