import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

/**
 * Who a student is and how to reach the family. All of it is personal
 * information of minors, so every grant is scoped to records, tied to a
 * purpose, and may be masked down to what the purpose needs.
 */
const common = {
  provider: CITY_DIVISION_CODE,
  sourceSystem: 'student-status',
  updateCycle: '每日',
  format: '结构化数据（GraphQL）',
  shareType: 'CONDITIONAL',
} as const;

export const studentResources: CatalogResourceInput[] = [
  {
    ...common,
    code: 'GZJY-XS-001',
    title: '学生基本信息',
    description: '学生的姓名、性别、民族、出生日期、国籍、所在学校、年级和班级，以及学校、班级到学生的关联。',
    conditions: {
      rowScope: true,
      masks: { 'Student.name': ['NAME'], 'Student.birthDate': ['BIRTH_DATE_YEAR_MONTH', 'BIRTH_DATE_YEAR'] },
      purposeRequired: true,
      maxValidityDays: 365,
    },
    coordinates: [
      ...fields('Query', 'student', 'students'),
      ...fields('School', 'students'),
      ...fields('Class', 'students'),
      ...fields('Student', 'id', 'name', 'namePinyin', 'gender', 'ethnicity', 'birthDate', 'nationality', 'grade', 'school', 'class'),
    ],
  },
  {
    ...common,
    code: 'GZJY-XS-002',
    title: '学生身份信息',
    description: '学籍号及其类别、身份证件类型和身份证件号，用于核验身份和跨部门比对。',
    conditions: {
      rowScope: true,
      masks: { 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_BIRTH_YEAR'] },
      purposeRequired: true,
      maxValidityDays: 180,
    },
    coordinates: fields('Student', 'studentNumber', 'studentNumberKind', 'idDocumentType', 'idNumber'),
  },
  {
    ...common,
    code: 'GZJY-XS-003',
    title: '学生联系与住址',
    description: '现住址、联系电话、户口所在地、户口性质、出生地和籍贯。',
    conditions: {
      rowScope: true,
      masks: {
        'Student.address': ['ADDRESS_DISTRICT'],
        'Student.householdRegistration': ['ADDRESS_DISTRICT'],
        'Student.phone': ['PHONE'],
      },
      purposeRequired: true,
      maxValidityDays: 180,
    },
    coordinates: fields(
      'Student', 'address', 'phone', 'householdRegistration', 'householdType', 'birthPlace', 'nativePlace',
    ),
  },
  {
    ...common,
    code: 'GZJY-XS-004',
    title: '学生家庭成员与监护人',
    description: '学生的家庭成员和监护人：姓名、关系、是否监护人、身份证件号、联系电话、家庭住址和家庭电话。',
    conditions: {
      rowScope: true,
      masks: {
        'Guardian.name': ['NAME'],
        'Guardian.idNumber': ['ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_BIRTH_YEAR'],
        'Guardian.phone': ['PHONE'],
        'Guardian.homePhone': ['PHONE'],
        'Guardian.address': ['ADDRESS_DISTRICT'],
      },
      purposeRequired: true,
      maxValidityDays: 180,
    },
    coordinates: [
      ...fields('Student', 'guardians'),
      ...fields('Guardian', 'name', 'relation', 'isGuardian', 'idNumber', 'phone', 'address', 'homePhone'),
    ],
  },
];
