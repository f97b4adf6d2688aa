import { CITY_DIVISION_CODE } from '../../standards';
import type { CatalogResourceInput } from '../resource';
import { fields } from './fields';

/**
 * The pool's aggregate indicators, computed in the legacy databases with one
 * definition each (DOMAIN.md "Statistics"). The city bureau provides them: it
 * answers for the official figures, and as open data nobody applies for them.
 */
export const statisticsResources: CatalogResourceInput[] = [
  {
    code: 'GZJY-TJ-001',
    title: '教育统计数据',
    description: '在校生数、专任教师数、生师比、班额分布、生均校舍面积和危房面积。',
    provider: CITY_DIVISION_CODE,
    sourceSystem: 'pool',
    updateCycle: '每日',
    format: '结构化数据（GraphQL）',
    shareType: 'UNCONDITIONAL',
    open: true,
    // Open data without personal information (Measures 第十九条): counts of persons are perturbed by the
    // cell-key method within ±3, and never published as 1–4 (a small count shows as 0 or at least 5).
    perturbation: { maxNoise: 3, variance: 2, smallestCount: 5 },
    coordinates: [
      ...fields('Query', 'statistics'),
      ...fields(
        'Statistics', 'enrolledStudents', 'fullTimeTeachers', 'studentTeacherRatio', 'classSizeBands',
        'buildingAreaPerStudent', 'dangerousBuildingArea',
        // Internal (@inaccessible): which group each school falls in, for the subgraphs that count per school.
        'schoolGroups',
      ),
    ],
  },
];
