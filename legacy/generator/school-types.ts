/**
 * The mix of running types (办学类型) in the city, modelled on the 2021 yearbook
 * (DOMAIN.md "Scale"): about half the schools are primary, then junior highs
 * and nine-year schools, complete and senior highs, vocational and special schools.
 */
export type ClassKind = 'regular' | 'teaching-point' | 'special';

export interface SchoolTypeProfile {
  readonly code: string;
  /** Share of the city's schools. */
  readonly share: number;
  /** Present in every dataset, even demo (each main running type is exercised). */
  readonly required: boolean;
  /** Classes per grade of a typical school of this type, before scaling to the data size. */
  readonly classesPerGrade: number;
  readonly classKind: ClassKind;
  /** Share run privately (办别 22 民办). */
  readonly privateShare: number;
}

export const schoolTypeProfiles: ReadonlyArray<SchoolTypeProfile> = Object.freeze([
  { code: '211', share: 0.5, required: true, classesPerGrade: 4, classKind: 'regular', privateShare: 0.1 },
  { code: '218', share: 0.03, required: false, classesPerGrade: 1, classKind: 'teaching-point', privateShare: 0 },
  { code: '311', share: 0.12, required: true, classesPerGrade: 8, classKind: 'regular', privateShare: 0.08 },
  { code: '312', share: 0.11, required: true, classesPerGrade: 4, classKind: 'regular', privateShare: 0.25 },
  { code: '341', share: 0.07, required: true, classesPerGrade: 9, classKind: 'regular', privateShare: 0.05 },
  { code: '342', share: 0.05, required: true, classesPerGrade: 11, classKind: 'regular', privateShare: 0.1 },
  { code: '345', share: 0.02, required: true, classesPerGrade: 4, classKind: 'regular', privateShare: 0.6 },
  { code: '365', share: 0.07, required: true, classesPerGrade: 9, classKind: 'regular', privateShare: 0.2 },
  { code: '511', share: 0.003, required: false, classesPerGrade: 1, classKind: 'special', privateShare: 0 },
  { code: '512', share: 0.003, required: false, classesPerGrade: 1, classKind: 'special', privateShare: 0 },
  { code: '513', share: 0.012, required: true, classesPerGrade: 2, classKind: 'special', privateShare: 0 },
  { code: '514', share: 0.004, required: false, classesPerGrade: 1, classKind: 'special', privateShare: 0 },
].map((p) => Object.freeze(p as SchoolTypeProfile)));
