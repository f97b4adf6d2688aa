import type { TeacherRecord } from '../../../legacy/records';
import { mapTeacherRecord, type Teacher } from '../mapper';
import { teacherRecord } from './teacher-records';

function mapped(overrides: Partial<TeacherRecord>): Teacher {
  const result = mapTeacherRecord(teacherRecord(overrides));
  if (!result.ok) throw new Error(`expected a valid record: ${result.problems.join('; ')}`);
  return result.teacher;
}

describe('mapTeacherRecord', () => {
  test('maps a whole record onto the unified Teacher', () => {
    expect(mapped({})).toEqual({
      id: 'T000001',
      name: '陈老师',
      gender: { code: '2', label: '女' },
      birthDate: '1985-03-12',
      idNumber: '440106198503120026',
      ethnicity: { code: '01', letters: 'HA', name: '汉族' },
      politicalStatus: { code: '01', name: '中共党员' },
      startedWorkOn: '2007-09',
      startedTeachingOn: '2007-09',
      joinedSchoolOn: '2012-08',
      staffCategory: { code: '2', name: '事业编制' },
      post: { code: '23', name: '班主任' },
      education: { code: '21', name: '本科' },
      title: { rank: 'FIRST', name: '一级教师', legacyName: '小学高级教师' },
      qualificationKind: { code: '2', name: '小学教师资格' },
      phone: '13800138000',
      status: { code: '01', name: '在职' },
      school: { __typename: 'School', code: '2144000001' },
    });
  });

  // 人社部发〔2015〕79号: the old primary ladder sits one step below the secondary one.
  test.each([
    ['中学高级教师', 'SENIOR', '高级教师', '中学高级教师'],
    ['中学一级教师', 'FIRST', '一级教师', '中学一级教师'],
    ['小学高级教师', 'FIRST', '一级教师', '小学高级教师'],
    ['小学一级教师', 'SECOND', '二级教师', '小学一级教师'],
    ['小学二级教师', 'THIRD', '三级教师', '小学二级教师'],
    ['正高级教师', 'SENIOR_PROFESSOR', '正高级教师', null],
    ['一级教师', 'FIRST', '一级教师', null],
    ['', 'NONE', '未定职级', null],
  ])('title %j → %s %s (legacy name %j)', (stored, rank, name, legacyName) => {
    expect(mapped({ ZC: stored }).title).toEqual({ rank, name, legacyName });
  });

  test.each([
    ['男', '1', '男'],
    ['女', '2', '女'],
    ['', '9', '未说明的性别'],
  ])('sex %j → GB/T 2261.1 code %s', (text, code, label) => {
    expect(mapped({ XB: text }).gender).toEqual({ code, label });
  });

  test('dates become ISO 8601; empty ones null', () => {
    const teacher = mapped({ CSRQ: '19991231', CJGZNY: '202001', CJNY: '', LXNY: '202109' });
    expect([teacher.birthDate, teacher.startedWorkOn, teacher.startedTeachingOn, teacher.joinedSchoolOn])
      .toEqual(['1999-12-31', '2020-01', null, '2021-09']);
    expect(mapped({ CSRQ: '' }).birthDate).toBeNull();
  });

  test.each([
    ['post', { GWLBM: '10' }, { code: '10', name: '专任教师' }],
    ['post', { GWLBM: '31' }, { code: '31', name: '校级领导' }],
    ['post', { GWLBM: '41' }, { code: '41', name: '教辅人员' }],
    ['post', { GWLBM: '61' }, { code: '61', name: '工勤人员' }],
    ['education', { XLM: '14' }, { code: '14', name: '硕士' }],
    ['staffCategory', { BZLBM: '9' }, { code: '9', name: '无编制' }],
    ['status', { DQZTM: '03' }, { code: '03', name: '退休' }],
    ['politicalStatus', { ZZMMM: '13' }, { code: '13', name: '群众' }],
    ['qualificationKind', { JSZGZZL: '7' }, { code: '7', name: '高等学校教师资格' }],
    ['qualificationKind', { JSZGZZL: '' }, null],
    ['post', { GWLBM: '99' }, { code: '99', name: '未知代码' }],
    ['ethnicity', { MZM: '25' }, { code: '25', letters: 'SU', name: '水族' }],
    ['ethnicity', { MZM: '97' }, null],
    ['idNumber', { SFZJH: '' }, null],
    ['phone', { YDDH: '' }, null],
  ] as const)('%s from %j', (field, overrides, expected) => {
    expect(mapped(overrides)[field]).toEqual(expected);
  });

  test.each([
    ['a missing 工号', { GH: '' }, 'GH'],
    ['an impossible birth date', { CSRQ: '19851332' }, 'CSRQ'],
    ['a month with a day', { CJGZNY: '20070901' }, 'CJGZNY'],
    ['a short school code', { XXDM: '214400' }, 'XXDM'],
  ])('reports %s instead of mapping it', (_case, overrides, field) => {
    const result = mapTeacherRecord(teacherRecord(overrides));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
  });

  test('names the field, never its value (problems are logged)', () => {
    const result = mapTeacherRecord(teacherRecord({ CSRQ: '19851332' }));
    expect(result).toEqual({ ok: false, id: 'T000001', problems: [expect.stringMatching(/^CSRQ: /)] });
    expect(JSON.stringify(result)).not.toContain('19851332');
  });

  test.each([null, 'T1', 42, { GH: 'T9' }])('never throws on %j', (raw) => {
    const result = mapTeacherRecord(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.id).toBe(typeof raw === 'object' && raw !== null ? 'T9' : null);
  });
});
