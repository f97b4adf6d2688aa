import type { StudentRow } from '../../../legacy/records';
import { isoDate, isoMonth, toClass, toGuardian, toSchool, toStudent } from '../mapper';

const row: StudentRow = {
  XH: '2144000001000001', XM: '陈晓', XMPY: 'chen xiao', XBM: '2', CSRQ: '20150301', CSDM: '440106', JG: '350102',
  MZM: '25', GJDQM: 'CHN', SFZJLXM: '1', SFZJH: '44010620150301002X', GATQWM: '00', ZZMMM: '13', JKZKM: '10',
  RXNY: '202109', RXFSM: '11', JDFSM: '1', NJ: '13', BH: '02', BJDM: '21440000011302', XZZ: '天河路1号',
  HKSZD: '440106', HKXZM: '10', LXDH: '13800000000', SFDSZN: '1', SFLSET: '0', CJLXM: '', XJH: 'G44010620150301002X',
  XSDQZTM: '01', XXDM: '2144000001',
};

describe('student mapper', () => {
  it('translates a student row into the unified standard', () => {
    expect(toStudent(row)).toEqual({
      id: row.XH, studentNumber: row.XJH, studentNumberKind: 'G', name: '陈晓', namePinyin: 'chen xiao',
      gender: { code: '2', label: '女' }, ethnicity: { code: '25', letters: 'SU', name: '水族' }, birthDate: '2015-03-01',
      birthPlace: { code: '440106', name: '天河区' }, nativePlace: { code: '350102', name: '' }, nationality: 'CHN',
      idDocumentType: { code: '1', name: '居民身份证' }, idNumber: '44010620150301002X',
      politicalStatus: { code: '13', name: '群众' }, healthStatus: { code: '10', name: '健康或良好' }, disabilityType: null,
      grade: { code: '13', name: '小学三年级', level: 'PRIMARY' }, status: 'IN_SCHOOL', enrolledOn: '2021-09',
      enrollmentMethod: { code: '11', name: '就近入学' }, boarding: false, address: '天河路1号',
      householdRegistration: { code: '440106', name: '天河区' }, householdType: { code: '10', name: '非农业家庭户口' },
      phone: '13800000000', onlyChild: true, leftBehind: false, schoolCode: '2144000001', classId: '21440000011302',
    });
  });

  it.each([
    ['an empty ID number', { SFZJH: '' }, { idNumber: null }],
    ['an ethnicity code outside GB/T 3304', { MZM: '97' }, { ethnicity: null }],
    ['a temporary 学籍号', { XJH: 'L440106201503011234' }, { studentNumberKind: 'L' }],
    ['a boarder who is left behind', { JDFSM: '2', SFLSET: '1' }, { boarding: true, leftBehind: true }],
    ['a disability', { CJLXM: '4' }, { disabilityType: { code: '4', name: '肢体残疾' } }],
    ['an unknown status and grade', { XSDQZTM: '09', NJ: '41' }, { status: null, grade: null }],
    ['an unknown code', { ZZMMM: '77' }, { politicalStatus: { code: '77', name: '' } }],
    ['an impossible birth date', { CSRQ: '20150230' }, { birthDate: null }],
  ])('handles %s', (_case, change, expected) => {
    expect(toStudent({ ...row, ...change })).toMatchObject(expected);
  });

  it('translates schools, classes and guardians', () => {
    expect(toSchool({ XXDM: '3144000002', XXMC: '白云中学', XXDZ: '白云路', XZQHM: '440111', JXNY: '198509', XXBXLXM: '341', XXBBM: '22', XZXM: '李' }))
      .toEqual({
        code: '3144000002', name: '白云中学', address: '白云路', district: { code: '440111', name: '白云区' },
        runningType: { code: '341', name: '完全中学' }, ownership: { code: '22', name: '民办' }, foundedOn: '1985-09', principalName: '李',
      });
    expect(toClass({ BJDM: '31440000022101', XXDM: '3144000002', NJ: '21', BH: '01', BJMC: '初一(1)班', BZRGH: '' }))
      .toEqual({ id: '31440000022101', name: '初一(1)班', grade: { code: '21', name: '初中一年级', level: 'JUNIOR' }, schoolCode: '3144000002', headTeacherId: null });
    expect(toGuardian({ XH: row.XH, CYXH: '1', CYXM: '陈父', GXM: '63', SFJHR: '0', SFZJLXM: '1', SFZJH: '', LXDH: '139', JTZZ: '天河路', JTDH: '020-1' }))
      .toEqual({ name: '陈父', relation: { code: '63', name: '外祖父' }, isGuardian: false, idNumber: null, phone: '139', address: '天河路', homePhone: '020-1' });
  });

  it('writes ISO 8601 dates and months', () => {
    expect([isoDate('20240229'), isoDate('20230229'), isoDate('2024-02-29')]).toEqual(['2024-02-29', null, null]);
    expect([isoMonth('202109'), isoMonth('202113'), isoMonth('')]).toEqual(['2021-09', null, null]);
  });
});
