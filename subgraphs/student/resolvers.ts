import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import {
  divisionByCode, genders, gradeByCode, isSchoolCode, ownershipTypes, runningTypeByCode, studentStatuses,
  type StudentStatus,
} from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { BaseSubgraphContext } from '../kit/subgraph-definition';
import { pageRequest, toConnection, type Connection } from '../kit/connection';
import { outsideScope, requireInScope, scopeFilter, scopeOf } from '../kit/row-scope';
import { StudentDbUnavailable, type SchoolSqlFilter, type SqlRowScope, type StudentDb, type StudentSqlFilter } from './adapter';
import type { StudentLoaders } from './loaders';
import { toSchool, toStudent, type Class, type Guardian, type School, type Student } from './mapper';
import { verifyEnrollment } from './verify-enrollment';

export interface StudentContext extends BaseSubgraphContext {
  readonly db: StudentDb;
  readonly loaders: StudentLoaders;
  readonly maxPageSize: number;
  /** Keys the records for perturbed statistics; never leaves the subgraph. */
  readonly cellKeySecret: string;
}

/** A guardian as served: it belongs to its student's record, so row scope, masks and the audit follow the student. */
export type GuardianOfStudent = Guardian & { readonly studentId: string; readonly schoolCode: string };

/** A connection whose totalCount is counted only when a client asks for it: COUNT(*) is the costly part. */
type LazyConnection<T> = Omit<Connection<T>, 'totalCount'> & { readonly count: () => Promise<number> };

interface StudentFilterInput {
  district?: string | null; school?: string | null; class?: string | null; grade?: string | null;
  status?: StudentStatus | null; runningType?: string | null; gender?: string | null;
}
interface SchoolFilterInput { district?: string | null; runningType?: string | null; ownership?: string | null }
interface PageArgs { first?: number | null; after?: string | null }

/**
 * A failing or slow student-status DB becomes UPSTREAM_UNAVAILABLE at the
 * field that needed it (graphql-js adds the path), naming the system only:
 * never the SQL or the database address.
 */
async function fromDb<T>(coordinate: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StudentDbUnavailable) throw toGraphQLError(errors.upstreamUnavailable('student-status', coordinate));
    throw error;
  }
}

function badInput(argument: string, why: string, coordinate: string): never {
  throw toGraphQLError(errors.badUserInput(argument, why, coordinate));
}

const statusCodes = new Map(Object.entries(studentStatuses).map(([code, s]) => [s.value, code]));

function checkDistrict(code: string, coordinate: string): string {
  const division = divisionByCode(code);
  if (!division || division.historical) badInput('filter.district', `${code} is not a current Guangzhou district code (GB/T 2260, e.g. 440106).`, coordinate);
  return code;
}

function checkRunningType(code: string, coordinate: string): string {
  if (!runningTypeByCode(code)) badInput('filter.runningType', `${code} is not a 办学类型码 (e.g. 211 小学, 311 初级中学).`, coordinate);
  return code;
}

/** Validates the client's filter and turns it into SQL conditions (single values become one-element lists). */
export function studentSqlFilter(input: StudentFilterInput | null | undefined, coordinate: string): StudentSqlFilter {
  if (!input) return {};
  const filter: { -readonly [K in keyof StudentSqlFilter]: StudentSqlFilter[K] } = {};
  if (input.district != null) filter.districts = [checkDistrict(input.district, coordinate)];
  if (input.school != null) {
    if (!isSchoolCode(input.school)) badInput('filter.school', `${input.school} is not a 10-digit Guangzhou 学校标识码.`, coordinate);
    filter.schools = [input.school];
  }
  if (input.class != null) filter.classes = [input.class];
  if (input.grade != null) {
    if (!gradeByCode(input.grade)) badInput('filter.grade', `${input.grade} is not a 年级码 (11–16 primary, 21–23 junior, 31–33 senior).`, coordinate);
    filter.grades = [input.grade];
  }
  if (input.status != null) {
    const code = statusCodes.get(input.status);
    if (!code) badInput('filter.status', `${input.status} is not a student status.`, coordinate);
    filter.statuses = [code];
  }
  if (input.runningType != null) filter.runningTypes = [checkRunningType(input.runningType, coordinate)];
  if (input.gender != null) {
    if (!Object.hasOwn(genders, input.gender)) badInput('filter.gender', `${input.gender} is not a GB/T 2261.1 sex code (0, 1, 2, 9).`, coordinate);
    filter.genders = [input.gender];
  }
  return filter;
}

function schoolSqlFilter(input: SchoolFilterInput | null | undefined, coordinate: string): SchoolSqlFilter {
  if (!input) return {};
  const filter: { -readonly [K in keyof SchoolSqlFilter]: SchoolSqlFilter[K] } = {};
  if (input.district != null) filter.districts = [checkDistrict(input.district, coordinate)];
  if (input.runningType != null) filter.runningTypes = [checkRunningType(input.runningType, coordinate)];
  if (input.ownership != null) {
    if (!Object.hasOwn(ownershipTypes, input.ownership)) badInput('filter.ownership', `${input.ownership} is not a 办别码 (21, 22, 23, 29).`, coordinate);
    filter.ownerships = [input.ownership];
  }
  return filter;
}

function lazy<T>(fetched: T[], first: number, cursorOf: (item: T) => string, count: () => Promise<number>): LazyConnection<T> {
  const { edges, pageInfo } = toConnection(fetched, first, 0, cursorOf);
  return { edges, pageInfo, count };
}

/** The list coordinate's row scope as one more condition of the SQL filter (DESIGN.md "Row scope is pushed down"). */
function scoped<F extends { scope?: SqlRowScope }>(filter: F, ctx: StudentContext, coordinate: string): F {
  const scope = scopeFilter(scopeOf(ctx, coordinate));
  return scope ? { ...filter, scope } : filter;
}

/**
 * Query.student reads only within its scope; when that finds nothing, a key-only
 * existence check tells a missing student (null) from one outside the scope
 * (OUT_OF_SCOPE, or NOT_GRANTED without any grant), so the record itself never leaves the database.
 */
async function studentById(id: string, ctx: StudentContext): Promise<Student | null> {
  const coordinate = 'Query.student';
  const found = await fromDb(coordinate, () => ctx.loaders.studentInScope.load(id));
  if (found) return found;
  if (await fromDb(coordinate, () => ctx.loaders.studentExists.load(id))) throw outsideScope(ctx, coordinate, id);
  return null;
}

const connectionResolvers = (coordinate: string) => ({
  totalCount: (connection: LazyConnection<unknown>) => fromDb(coordinate, connection.count),
});

export const resolvers: GraphQLResolverMap<StudentContext> = {
  Query: {
    // The school directory is not personal data: read by code, then checked against the scope.
    school: async (_: unknown, args: { code: string }, ctx: StudentContext) => requireInScope(
      ctx, 'Query.school', args.code, await fromDb('Query.school', () => ctx.loaders.schoolByCode.load(args.code)), (s) => s.code,
    ),
    student: (_: unknown, args: { id: string }, ctx: StudentContext) => studentById(args.id, ctx),
    schools: async (_: unknown, args: PageArgs & { filter?: SchoolFilterInput | null }, ctx: StudentContext) => {
      const coordinate = 'Query.schools';
      const page = pageRequest(args, ctx.maxPageSize, coordinate);
      const filter = scoped(schoolSqlFilter(args.filter, coordinate), ctx, coordinate);
      const schools = await fromDb(coordinate, () => ctx.db.schoolPage(filter, page));
      const nodes = schools.map(toSchool);
      nodes.forEach((s) => ctx.loaders.schoolByCode.prime(s.code, s));
      return lazy(nodes, page.first, (s) => s.code, () => ctx.db.countSchools(filter));
    },
    students: async (_: unknown, args: PageArgs & { filter?: StudentFilterInput | null }, ctx: StudentContext) => {
      const coordinate = 'Query.students';
      const page = pageRequest(args, ctx.maxPageSize, coordinate);
      const filter = scoped(studentSqlFilter(args.filter, coordinate), ctx, coordinate);
      const students = (await fromDb(coordinate, () => ctx.db.studentPage(filter, page))).map(toStudent);
      students.forEach((s) => ctx.loaders.studentById.prime(s.id, s));
      return lazy(students, page.first, (s) => s.id, () => ctx.db.countStudents(filter));
    },
    verifyEnrollment: (_: unknown, args: { idNumber: string; name: string }, ctx: StudentContext) => verifyEnrollment(args, ctx),
  },
  SchoolConnection: connectionResolvers('SchoolConnection.totalCount'),
  StudentConnection: connectionResolvers('StudentConnection.totalCount'),
  School: {
    __resolveReference: (ref: { code: string }, ctx: StudentContext) =>
      fromDb('School', () => ctx.loaders.schoolByCode.load(ref.code)),
    classes: (school: School, _: unknown, ctx: StudentContext) =>
      fromDb('School.classes', () => ctx.loaders.classesBySchool.load(school.code)),
    students: async (school: School, args: PageArgs & { filter?: StudentFilterInput | null }, ctx: StudentContext) => {
      const coordinate = 'School.students';
      const page = pageRequest(args, ctx.maxPageSize, coordinate);
      const key = { schoolCode: school.code, filter: scoped(studentSqlFilter(args.filter, coordinate), ctx, coordinate), page };
      const students = await fromDb(coordinate, () => ctx.loaders.schoolStudents.load(key));
      return lazy(students, page.first, (s) => s.id, () => ctx.loaders.schoolStudentCount.load(key));
    },
  },
  Class: {
    __resolveReference: (ref: { id: string }, ctx: StudentContext) =>
      fromDb('Class', () => ctx.loaders.classById.load(ref.id)),
    size: (klass: Class, _: unknown, ctx: StudentContext) => fromDb('Class.size', () => ctx.loaders.classSize.load(klass.id)),
    school: (klass: Class, _: unknown, ctx: StudentContext) =>
      fromDb('Class.school', () => ctx.loaders.schoolByCode.load(klass.schoolCode)),
    // A reference only: the teacher subgraph owns Teacher and resolves it.
    headTeacher: (klass: Class) => (klass.headTeacherId ? { __typename: 'Teacher', id: klass.headTeacherId } : null),
    students: (klass: Class, _: unknown, ctx: StudentContext) =>
      fromDb('Class.students', () => ctx.loaders.studentsByClass.load(klass.id)),
  },
  Student: {
    __resolveReference: (ref: { id: string }, ctx: StudentContext) =>
      fromDb('Student', () => ctx.loaders.studentById.load(ref.id)),
    school: (student: Student, _: unknown, ctx: StudentContext) =>
      fromDb('Student.school', () => ctx.loaders.schoolByCode.load(student.schoolCode)),
    class: (student: Student, _: unknown, ctx: StudentContext) =>
      (student.classId ? fromDb('Student.class', () => ctx.loaders.classById.load(student.classId!)) : null),
    guardians: async (student: Student, _: unknown, ctx: StudentContext): Promise<GuardianOfStudent[]> =>
      (await fromDb('Student.guardians', () => ctx.loaders.guardiansByStudent.load(student.id)))
        .map((guardian) => ({ ...guardian, studentId: student.id, schoolCode: student.schoolCode })),
  },
};
