/**
 * The schema coordinates (`Type.field`) of the pool's unified schema that the
 * catalog covers. Every one belongs to exactly one catalog resource; the
 * gateway and the subgraph rules look fields up by these strings.
 */
const declaredFields: Readonly<Record<string, ReadonlyArray<string>>> = {
  Query: [
    'school', 'schools', 'student', 'students', 'teacher', 'teachers', 'building', 'buildings', 'statistics',
    'verifyEnrollment', 'verifyTeacherQualification',
  ],
  School: [
    'code', 'name', 'address', 'district', 'runningType', 'ownership', 'foundedOn', 'principalName',
    'students', 'teachers', 'classes', 'buildings',
  ],
  Student: [
    'id', 'studentNumber', 'studentNumberKind', 'name', 'namePinyin', 'gender', 'ethnicity', 'birthDate',
    'birthPlace', 'nativePlace', 'nationality', 'idDocumentType', 'idNumber', 'politicalStatus',
    'healthStatus', 'disabilityType', 'grade', 'status', 'enrolledOn', 'enrollmentMethod', 'boarding',
    'address', 'householdRegistration', 'householdType', 'phone', 'onlyChild', 'leftBehind', 'school',
    'class', 'guardians',
  ],
  Guardian: ['name', 'relation', 'isGuardian', 'idNumber', 'phone', 'address', 'homePhone'],
  Class: ['id', 'name', 'grade', 'size', 'school', 'headTeacher', 'students'],
  Teacher: [
    'id', 'name', 'gender', 'birthDate', 'idNumber', 'ethnicity', 'politicalStatus', 'startedWorkOn',
    'startedTeachingOn', 'joinedSchoolOn', 'staffCategory', 'post', 'education', 'title',
    'qualificationKind', 'phone', 'status', 'school',
  ],
  Building: [
    'id', 'school', 'name', 'area', 'structure', 'use', 'yearBuilt', 'seismicIntensity', 'appraisalGrade',
    'leased',
  ],
  /** The aggregate root: each field is one indicator with one definition (DOMAIN.md "Statistics"). */
  Statistics: [
    'enrolledStudents', 'fullTimeTeachers', 'studentTeacherRatio', 'classSizeBands',
    'buildingAreaPerStudent', 'dangerousBuildingArea', 'schoolGroups',
  ],
};

export const declaredCoordinates: ReadonlyArray<string> = Object.freeze(
  Object.entries(declaredFields).flatMap(([typeName, fields]) => fields.map((field) => `${typeName}.${field}`)),
);

const declared: ReadonlySet<string> = new Set(declaredCoordinates);

/** True for a coordinate of the unified schema that the catalog must cover. */
export function isCoordinate(s: string): boolean {
  return declared.has(s);
}

export interface Coordinate {
  readonly typeName: string;
  readonly fieldName: string;
}

/** Splits `Type.field`; undefined unless both halves are GraphQL names. */
export function parseCoordinate(s: string): Coordinate | undefined {
  const match = /^([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)$/.exec(s);
  return match ? { typeName: match[1]!, fieldName: match[2]! } : undefined;
}

/**
 * Types whose fields are not catalog resources: value objects and paging
 * wrappers. Reading them is allowed wherever the field that returns them is,
 * so `Student.gender` decides about `Gender.name` too.
 */
export const structuralTypes: ReadonlyArray<string> = Object.freeze([
  'Gender', 'Ethnicity', 'District', 'RunningType', 'Title', 'CodeName', 'Grade', 'SeismicIntensity', 'PageInfo',
  // A verification answer is all of its Query field's resource: its fields follow that field.
  'EnrollmentVerification', 'QualificationVerification',
  'StatisticTable', 'StatisticCell', 'DimensionValue', 'Perturbation', 'SchoolGroup',
  // The tables the teacher and facility subgraphs derive through @requires (subgraphs/kit/statistics-types.ts).
  'TeacherStatisticTable', 'FacilityStatisticTable',
]);

const structural: ReadonlySet<string> = new Set(structuralTypes);

/** True for a structural type, including every `*Connection` and `*Edge`. */
export function isStructuralType(typeName: string): boolean {
  return structural.has(typeName) || /^[_A-Za-z]\w*(Connection|Edge)$/.test(typeName);
}
