import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { errors } from '../../../policies/errors';
import { toGraphQLError } from '../../../platform/graphql-errors';
import { catalogGuard } from '../catalog-guard';
import { locator } from '../record-locators';
import type { BaseSubgraphContext, SubgraphDefinition } from '../subgraph-definition';

/**
 * A small subgraph on in-memory records, guarded like the real ones, for
 * proving the guard's behaviour apart from any legacy system: two schools in
 * two districts, three students, loaders that count their batches, and one
 * field (`Student.nickname`) that the catalog does not know.
 */
export const TIANHE_SCHOOL = '2144060001';
export const BAIYUN_SCHOOL = '2144110002';

export interface FixtureStudent {
  readonly id: string;
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly birthDate: string;
  readonly address: string;
  readonly householdRegistration: { readonly code: string; readonly name: string };
  readonly schoolCode: string;
}

export const fixtureStudents: ReadonlyArray<FixtureStudent> = [
  student('S1', '陈晓明', '440106201503010027', '13812345678', '2015-03-01', '广东省广州市天河区华景路1号', TIANHE_SCHOOL),
  student('S2', '欧阳娜', '44011120140521003X', '13987654321', '2014-05-21', '广州市白云区机场路2号', BAIYUN_SCHOOL),
  student('S3', '李强', '440106201601020015', '13700001111', '2016-01-02', '广州市天河区体育西路3号', TIANHE_SCHOOL),
];

function student(id: string, name: string, idNumber: string, phone: string, birthDate: string, address: string, schoolCode: string): FixtureStudent {
  return { id, name, idNumber, phone, birthDate, address, householdRegistration: { code: idNumber.slice(0, 6), name: '' }, schoolCode };
}

export interface FixtureServices {
  /** Batches each loader ran, by loader: what "rules keep batching" is measured by. */
  readonly batches: { studentById: number; schoolByCode: number };
}

export interface FixtureContext extends BaseSubgraphContext {
  readonly studentById: DataLoader<string, FixtureStudent | null>;
  readonly schoolByCode: DataLoader<string, { code: string; name: string }>;
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { students: [Student]! student(id: ID!): Student }
  type Student @key(fields: "id") {
    id: ID! name: String! idNumber: String phone: String birthDate: String address: String
    householdRegistration: District healthStatus: CodeName school: School nickname: String
  }
  type School @key(fields: "code") { code: ID! name: String! }
  type District { code: String! name: String! }
  type CodeName { code: String! name: String! }
`);

export const fixtureSubgraph: SubgraphDefinition<FixtureServices, FixtureContext> = {
  name: 'student',
  typeDefs,
  resolvers: {
    Query: {
      students: (_: unknown, __: unknown, ctx: FixtureContext) => Promise.all(fixtureStudents.map((s) => ctx.studentById.load(s.id))),
      student: (_: unknown, args: { id: string }, ctx: FixtureContext) => {
        if (args.id === 'down') throw toGraphQLError(errors.upstreamUnavailable('student-status', 'Query.student'));
        return ctx.studentById.load(args.id);
      },
    },
    Student: {
      __resolveReference: (ref: { id: string }, ctx: FixtureContext) => ctx.studentById.load(ref.id),
      school: (s: FixtureStudent, _: unknown, ctx: FixtureContext) => ctx.schoolByCode.load(s.schoolCode),
      healthStatus: () => ({ code: '10', name: '健康或良好' }),
      nickname: () => '小明',
    },
  },
  guard: catalogGuard({
    records: {
      Student: locator<FixtureStudent>({
        // A record without a school makes the rule itself fail: the trap of shield's "Not Authorised!".
        school: (s) => {
          if (!s.schoolCode) throw new Error('record without a school');
          return s.schoolCode;
        },
        id: (s) => s.id,
        personal: { type: 'Student', id: (s) => s.id },
      }),
      School: locator<{ code: string }>({ school: (s) => s.code, id: (s) => s.code }),
    },
  }),
  createContext: (services, base) => ({
    ...base,
    studentById: new DataLoader(async (ids) => {
      services.batches.studentById++;
      return ids.map((id) => (id === 'broken' ? { ...fixtureStudents[0]!, id, schoolCode: '' } : fixtureStudents.find((s) => s.id === id) ?? null));
    }),
    schoolByCode: new DataLoader(async (codes) => {
      services.batches.schoolByCode++;
      return codes.map((code) => ({ code, name: `学校${code}` }));
    }),
  }),
};
