import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

const common = {
  provider: CITY_DIVISION_CODE,
  sourceSystem: 'teacher-hr',
  updateCycle: '每月',
  format: '结构化数据（GraphQL）',
} as const;

/** Teaching staff, from the teacher HR system (全国教师管理信息系统). */
export const teacherResources: CatalogResourceInput[] = [
  {
    ...common,
    code: 'GZJY-JS-001',
    title: '教师基本信息',
    description: '教职工的姓名、性别、民族、所在学校、岗位类别、编制类别和当前状态，以及学校教师名单和班主任。',
    shareType: 'CONDITIONAL',
    conditions: { rowScope: true, masks: { 'Teacher.name': ['NAME'] }, purposeRequired: true, maxValidityDays: 365 },
    coordinates: [
      ...fields('Query', 'teacher', 'teachers'),
      ...fields('School', 'teachers'),
      ...fields('Class', 'headTeacher'),
      ...fields('Teacher', 'id', 'name', 'gender', 'ethnicity', 'school', 'post', 'status', 'staffCategory'),
    ],
  },
  {
    ...common,
    code: 'GZJY-JS-002',
    title: '教师身份信息',
    description: '教职工的身份证件号、出生日期和政治面貌，用于身份核验和社保、人事业务比对。',
    shareType: 'CONDITIONAL',
    conditions: {
      rowScope: true,
      masks: {
        'Teacher.idNumber': ['ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_BIRTH_YEAR'],
        'Teacher.birthDate': ['BIRTH_DATE_YEAR_MONTH', 'BIRTH_DATE_YEAR'],
      },
      purposeRequired: true,
      maxValidityDays: 180,
    },
    coordinates: fields('Teacher', 'idNumber', 'birthDate', 'politicalStatus'),
  },
  {
    ...common,
    code: 'GZJY-JS-003',
    title: '教师资格与职称',
    description: '职称（2015 年改革后的五级序列）、教师资格种类、学历、参加工作年月、从教年月和来校年月。',
    // Qualifications and titles are professional facts the schools publish
    // anyway; sharing them needs no scope and no purpose.
    shareType: 'UNCONDITIONAL',
    coordinates: fields(
      'Teacher', 'title', 'qualificationKind', 'education', 'startedWorkOn', 'startedTeachingOn', 'joinedSchoolOn',
    ),
  },
  {
    ...common,
    code: 'GZJY-JS-004',
    title: '教师联系方式',
    description: '教职工的移动电话。',
    shareType: 'CONDITIONAL',
    conditions: { rowScope: true, masks: { 'Teacher.phone': ['PHONE'] }, purposeRequired: true, maxValidityDays: 180 },
    coordinates: fields('Teacher', 'phone'),
  },
];
