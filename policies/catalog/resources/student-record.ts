import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

const common = {
  provider: CITY_DIVISION_CODE,
  sourceSystem: 'student-status',
  format: '结构化数据（GraphQL）',
} as const;

/** What the student-status record says about a student beyond identity: status, family situation, health. */
export const studentRecordResources: CatalogResourceInput[] = [
  {
    ...common,
    code: 'GZJY-XS-005',
    title: '学籍状态',
    description: '学生当前学籍状态（在校、转出、休学、毕业）、入学年月、入学方式和就读方式。',
    updateCycle: '每日',
    shareType: 'CONDITIONAL',
    conditions: { rowScope: true, masks: {}, purposeRequired: true, maxValidityDays: 365 },
    coordinates: fields('Student', 'status', 'enrolledOn', 'enrollmentMethod', 'boarding'),
  },
  {
    ...common,
    code: 'GZJY-XS-006',
    title: '学生健康与残疾信息',
    description: '学生健康状况码和残疾类型。',
    updateCycle: '每学期',
    // Health and disability of minors is sensitive personal information with
    // no sharing purpose the pool could check; health departments obtain it
    // from their own systems, not from school records.
    shareType: 'NOT_SHARED',
    legalBasis:
      '《中华人民共和国个人信息保护法》第二十八条、第三十一条：医疗健康信息和不满十四周岁未成年人的个人信息属于敏感个人信息，' +
      '只有在具有特定的目的和充分的必要性并采取严格保护措施的情形下方可处理，处理不满十四周岁未成年人个人信息应当取得其父母或者其他监护人的同意；' +
      '《中华人民共和国未成年人保护法》第七十二条：处理未成年人个人信息应当遵循合法、正当和必要的原则；' +
      '《中华人民共和国基本医疗卫生与健康促进法》第九十二条：不得非法提供或者公开公民个人健康信息。',
    coordinates: fields('Student', 'healthStatus', 'disabilityType'),
  },
  {
    ...common,
    code: 'GZJY-XS-007',
    title: '学生家庭情况与政治面貌',
    description: '是否独生子女、是否留守儿童和政治面貌，用于留守儿童关爱、人口与家庭统计和团员管理。',
    updateCycle: '每学期',
    // Kept apart from the basic record: few applicants need these, and 留守儿童
    // status marks a vulnerable child, so it is granted only for a stated purpose.
    shareType: 'CONDITIONAL',
    conditions: { rowScope: true, masks: {}, purposeRequired: true, maxValidityDays: 180 },
    coordinates: fields('Student', 'onlyChild', 'leftBehind', 'politicalStatus'),
  },
];
