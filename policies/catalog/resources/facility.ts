import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

const common = {
  provider: CITY_DIVISION_CODE,
  sourceSystem: 'facility',
  updateCycle: '每年',
  format: '结构化数据（GraphQL）',
} as const;

/** School buildings (校舍), from the facility file exports. */
export const facilityResources: CatalogResourceInput[] = [
  {
    ...common,
    code: 'GZJY-SS-001',
    title: '校舍基本信息',
    description: '学校的校舍：名称、面积、结构类型、用途、建筑年代和是否租用（基础基512 口径）。',
    shareType: 'UNCONDITIONAL',
    coordinates: [
      ...fields('Query', 'building', 'buildings'),
      ...fields('School', 'buildings'),
      ...fields('Building', 'id', 'school', 'name', 'area', 'structure', 'use', 'yearBuilt', 'leased'),
    ],
  },
  {
    ...common,
    code: 'GZJY-SS-002',
    title: '校舍安全鉴定',
    description: '校舍的设计抗震烈度和安全鉴定等级（A/B/C/D，D 级为危房）。',
    // Where the dangerous buildings are is security-relevant: shared with the
    // units that plan repairs or emergencies for that area, for that purpose.
    shareType: 'CONDITIONAL',
    conditions: { rowScope: true, masks: {}, purposeRequired: true, maxValidityDays: 365 },
    coordinates: fields('Building', 'seismicIntensity', 'appraisalGrade'),
  },
];
