import { idNumberCheckCharacter } from '../../../policies/standards';
import { allowAllPermissions, districtScope, testPermissions } from '../../kit/__tests__/test-permissions';
import { startTeacherHarness, type TeacherHarness } from './teacher-harness';
import { teacherRecord } from './teacher-records';

/**
 * 教师资格核验 in the teacher subgraph: one yes or no, the same "no" whatever
 * failed, one search request with the scope's schools in it, and refusals
 * that cost no request.
 */
const valid = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const CHEN = valid('44010619850312002');
const WANG = valid('44010219700101003');
const records = [
  teacherRecord({ GH: 'T1', XM: '陈老师', SFZJH: CHEN, JSZGZZL: '2', XXDM: '2144000001' }),
  teacherRecord({ GH: 'T2', XM: '王老师', SFZJH: WANG, JSZGZZL: '', XXDM: '3144000002' }),
];
const VERIFY = 'query ($id: String!, $name: String!, $kind: String!) { verifyTeacherQualification(idNumber: $id, name: $name, kind: $kind) { qualified } }';
const PURPOSE = '教师资格认定复核';

let harness: TeacherHarness;
beforeAll(async () => { harness = await startTeacherHarness(records); });
afterAll(async () => { await harness?.close(); });

async function verify(id: string, name: string, kind: string, options: { purpose?: string; permissions?: ReturnType<typeof testPermissions> } = {}) {
  const before = harness.api.stats.requests.search;
  const response = await harness.query(VERIFY, { id, name, kind }, options.permissions ?? allowAllPermissions('GZRSJ'), 'purpose' in options ? options.purpose : PURPOSE);
  return { response, searches: harness.api.stats.requests.search - before };
}

describe('verifyTeacherQualification', () => {
  it('answers yes for the kind the teacher holds, in one search request, and nothing else', async () => {
    const { response, searches } = await verify(CHEN, '陈老师', '2');
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ verifyTeacherQualification: { qualified: true } });
    expect(searches).toBe(1);
    expect(response.extensions?.recordsServed).toBeUndefined();
  });

  it('answers the same no for another kind, a wrong name, no qualification and an unknown number', async () => {
    const answers = await Promise.all([
      verify(CHEN, '陈老师', '3'), verify(CHEN, '陈某', '2'), verify(WANG, '王老师', '3'), verify(valid('44010619900101001'), '陈老师', '2'),
    ]);
    for (const { response } of answers) expect(response).toEqual({ data: { verifyTeacherQualification: { qualified: false } } });
  });

  it('pushes the scope\'s schools into the search: a teacher outside it is a no', async () => {
    const baiyun = testPermissions({ unit: '440111', scope: districtScope('440111', ['3144000002']) });
    const { response, searches } = await verify(CHEN, '陈老师', '2', { permissions: baiyun });
    expect(response.data).toEqual({ verifyTeacherQualification: { qualified: false } });
    expect(searches).toBe(1);
  });

  it('refuses malformed arguments with BAD_USER_INPUT naming each, before any request', async () => {
    const cases = [[`${CHEN.slice(0, 17)}${CHEN.endsWith('1') ? '2' : '1'}`, '陈老师', '2', 'idNumber'], [CHEN, '', '2', 'name'], [CHEN, '陈老师', '8', 'kind']] as const;
    for (const [id, name, kind, argument] of cases) {
      const { response, searches } = await verify(id, name, kind);
      expect(response.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', argument, coordinate: 'Query.verifyTeacherQualification' })]);
      expect(searches).toBe(0);
    }
  });

  it('is FORBIDDEN without a purpose and NOT_GRANTED without a grant, before any request', async () => {
    const noPurpose = await verify(CHEN, '陈老师', '2', { purpose: undefined });
    expect(noPurpose.response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(noPurpose.searches).toBe(0);
    const refused = await verify(CHEN, '陈老师', '2', { permissions: testPermissions({ unit: 'GZRSJ', refuse: { 'Query.verifyTeacherQualification': 'NOT_GRANTED' } }) });
    expect(refused.response.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-HY-002' })]);
    expect(refused.searches).toBe(0);
  });
});
