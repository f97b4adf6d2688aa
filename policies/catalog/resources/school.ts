import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

/** Schools and their classes, kept in the student-status system's school and class tables. */
export const schoolResources: CatalogResourceInput[] = [
  {
    code: 'GZJY-XX-001',
    title: '学校名录',
    description: '全市中小学校的学校标识码、名称、地址、所在区、办学类型、办别、建校年月和校长姓名。',
    provider: CITY_DIVISION_CODE,
    sourceSystem: 'student-status',
    updateCycle: '每学期',
    format: '结构化数据（GraphQL）',
    shareType: 'UNCONDITIONAL',
    // The directory is public information and the key every other resource hangs on.
    open: true,
    coordinates: [
      ...fields('Query', 'school', 'schools'),
      ...fields('School', 'code', 'name', 'address', 'district', 'runningType', 'ownership', 'foundedOn', 'principalName'),
    ],
  },
  {
    code: 'GZJY-XX-002',
    title: '班级信息',
    description: '学校的班级设置：班级名称、年级与班额，用于大班额监测和学位规划。',
    provider: CITY_DIVISION_CODE,
    sourceSystem: 'student-status',
    updateCycle: '每学期',
    format: '结构化数据（GraphQL）',
    shareType: 'CONDITIONAL',
    // Classes hold no personal data, but class lists reveal the size of each
    // school's intake, so the provider limits them to the applicant's area.
    conditions: { rowScope: true, masks: {}, purposeRequired: false, maxValidityDays: 365 },
    coordinates: [...fields('School', 'classes'), ...fields('Class', 'id', 'name', 'grade', 'size', 'school')],
  },
];
