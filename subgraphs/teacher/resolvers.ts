import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { BaseSubgraphContext } from '../kit/subgraph-definition';
import { encodeCursor, pageRequest, type Connection } from '../kit/connection';
import { requireInScope, schoolsInScope, scopeOf } from '../kit/row-scope';
import { TeacherApiUnavailable, type TeacherHrAdapter } from './adapter';
import type { TeacherLoaders } from './loaders';
import type { Teacher } from './mapper';
import { verifyTeacherQualification } from './verify-qualification';
import type { TeacherStatistics } from './teacher-statistics';

export interface TeacherContext extends BaseSubgraphContext {
  readonly adapter: TeacherHrAdapter;
  readonly loaders: TeacherLoaders;
  readonly maxPageSize: number;
  readonly statistics: TeacherStatistics;
}

/**
 * Awaits one field's legacy work. A failing HR system costs only the fields
 * that needed it: each becomes UPSTREAM_UNAVAILABLE at its own path, and the
 * rest of the response (e.g. the student data beside a Class.headTeacher) is
 * still answered (DESIGN.md "Errors"). The failure's details are already logged.
 */
async function fromHr<T>(work: Promise<T>, coordinate: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TeacherApiUnavailable) throw toGraphQLError(errors.upstreamUnavailable('teacher-hr', coordinate));
    throw error;
  }
}

interface TeachersArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly filter?: { readonly schools?: ReadonlyArray<string> | null } | null;
}

/** The cursor is a position in the HR system's listing, so paging maps onto its page/pageSize. */
function positionAfter(cursor: string, coordinate: string): number {
  const position = Number(cursor);
  if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(position)) {
    throw toGraphQLError(errors.badUserInput('after', 'is not a cursor this list returned. Use pageInfo.endCursor of the previous page.', coordinate));
  }
  return position + 1;
}

async function teachers(args: TeachersArgs, context: TeacherContext): Promise<Connection<Teacher>> {
  const coordinate = 'Query.teachers';
  const { first, after } = pageRequest(args, context.maxPageSize, coordinate);
  const offset = after === undefined ? 0 : positionAfter(after, coordinate);
  // The row scope is pushed into the listing's school filter (∩ the client's own), so teachers outside it never leave the HR system.
  const schools = schoolsInScope(scopeOf(context, coordinate), args.filter?.schools ?? undefined);
  const range = await fromHr(context.adapter.teachersInRange(offset, first, schools ? { schoolCodes: schools } : {}), coordinate);
  const edges = range.entries.map(({ offset: position, teacher }) => ({ cursor: encodeCursor(String(position)), node: teacher }));
  return {
    totalCount: range.total,
    edges,
    pageInfo: { hasNextPage: offset + first < range.total, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export const resolvers: GraphQLResolverMap<TeacherContext> = {
  Query: {
    // The HR batch endpoint cannot filter by school: the record is read, then checked against the scope here,
    // so an out-of-scope teacher leaves the HR system but never this subgraph (OUT_OF_SCOPE instead).
    teacher: async (_root, args: { id: string }, context: TeacherContext) => requireInScope(
      context, 'Query.teacher', args.id, await fromHr(context.loaders.teacherById.load(args.id), 'Query.teacher'), (t) => t.school.code,
    ),
    teachers: (_root, args: TeachersArgs, context: TeacherContext) => teachers(args, context),
    verifyTeacherQualification: (_root, args: { idNumber: string; name: string; kind: string }, context: TeacherContext) =>
      verifyTeacherQualification(args, context),
  },
  Teacher: {
    // Through the loader, so `_entities` with N Teacher representations costs ⌈distinct ids / 100⌉ calls.
    // The subgraph cannot know which field of the supergraph asked, so the coordinate is `_entities`.
    __resolveReference: (reference: { id: string }, context: TeacherContext) =>
      fromHr(context.loaders.teacherById.load(reference.id), 'Query._entities'),
  },
  School: {
    teachers: (school: { code: string }, _args, context: TeacherContext) =>
      fromHr(context.loaders.teachersBySchool.load(school.code), 'School.teachers'),
  },
};
