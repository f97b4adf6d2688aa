import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';

/**
 * Verification services (核验) for partner departments: a yes/no answer about
 * a person the department already knows (ID number and name), instead of the
 * record itself (minimum necessary, Measures 第五章 and 解读之六: apply only
 * for what you need). Each is a resource of its own, so a department can be
 * granted the answer without any field of the record. Conditional: the
 * provider decides each application, and every call states its purpose.
 * A low rate limit keeps verification from being used to harvest who is
 * enrolled by trying numbers.
 */
const common = {
  provider: CITY_DIVISION_CODE,
  updateCycle: '实时',
  format: '核验结果（GraphQL，是/否）',
  shareType: 'CONDITIONAL',
  // No row scope (a partner asks about residents of the whole city) and no masks (the answer has no personal field).
  conditions: { rowScope: false, masks: {}, purposeRequired: true, maxValidityDays: 365 },
  rateLimit: { requests: 60, perSeconds: 60 },
} as const;

export const verificationResources: CatalogResourceInput[] = [
  {
    ...common,
    code: 'GZJY-HY-001',
    title: '学籍核验',
    description: '按身份证件号和姓名核验是否有学籍、是否在校及所在学段，只返回核验结果，不返回学籍记录。',
    sourceSystem: 'student-status',
    coordinates: ['Query.verifyEnrollment'],
  },
  {
    ...common,
    code: 'GZJY-HY-002',
    title: '教师资格核验',
    description: '按身份证件号、姓名和教师资格种类核验是否持有该种教师资格，只返回是或否，不返回教师记录。',
    sourceSystem: 'teacher-hr',
    coordinates: ['Query.verifyTeacherQualification'],
  },
];
