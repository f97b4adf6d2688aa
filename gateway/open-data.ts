import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify/sync';
import { RefusedRequest, sendJson, sendRefusal, type Route } from '../platform/http-graphql';
import type { Catalog } from '../policies';
import { errors, type ErrorCode } from '../policies/errors';
import { statisticDefinitions, type StatisticName } from '../policies/statistics';
import { anonymousContext } from './anonymous-access';
import type { GatewayContext } from './gateway-context';

/**
 * Open data downloads (Measures 第十九条: what is opened, when, in what form
 * and how often it is updated): `GET /open-data` lists the open resources,
 * `GET /open-data/<code>.json|.csv` gives one with its update cycle and
 * as-of time, and `<code>.csv-metadata.json` describes the CSV in CSVW (W3C
 * "Metadata Vocabulary for Tabular Data", found beside the CSV by that
 * name). Each download is a GraphQL operation run as the anonymous role
 * through the gateway itself, so enforcement, perturbation and the audit are
 * exactly those of an anonymous GraphQL request.
 */
const SCHOOLS = `query OpenSchoolDirectory($after: String) { schools(first: 500, after: $after) {
  edges { node { code name address district { code name } runningType { code name } ownership { code name } foundedOn principalName } }
  pageInfo { hasNextPage endCursor } } }`;

/** The statistics each subgraph serves; their tables are flattened to rows. */
const STATISTIC_FIELDS = ['enrolledStudents', 'classSizeBands', 'fullTimeTeachers', 'studentTeacherRatio', 'buildingAreaPerStudent', 'dangerousBuildingArea'];
const TABLE = '{ title unit updateCycle asOf perturbed note cells { ...cell } totals { ...cell } }';
const statisticsQuery = (fields: ReadonlyArray<string>) =>
  `query OpenStatistics($groupBy: [StatisticDimension!]) { statistics(groupBy: $groupBy) { ${fields.map((f) => `${f} ${TABLE}`).join(' ')} } }
  fragment cell on StatisticCell { dimensions { dimension code name } value }`;

type Row = Record<string, string | number | boolean | null>;
interface Download {
  readonly title: string;
  readonly updateCycle: string;
  readonly asOf: string;
  /** 说明 per statistic: whether its figures are perturbed and add up. */
  readonly notes?: Readonly<Record<string, string>>;
  readonly rows: Row[];
}
type Format = 'json' | 'csv' | 'csv-metadata.json';

/**
 * `admit` counts a download like any request (the anonymous role's allowance
 * is per client address) and throws a RefusedRequest past it: a download runs
 * several operations, so it must not be the way around the rate limit.
 */
export function openDataRoutes(
  server: ApolloServer<GatewayContext>, catalog: Catalog, admit: (request: IncomingMessage) => Promise<unknown>,
  statisticFields: ReadonlyArray<string> = STATISTIC_FIELDS,
): Route[] {
  const run = async (query: string, variables: Record<string, unknown>) => {
    const result = await server.executeOperation({ query, variables }, { contextValue: anonymousContext() });
    if (result.body.kind !== 'single') throw new Error('unexpected incremental result');
    return result.body.singleResult;
  };
  const resourceOf = (code: string) => catalog.resources.find((r) => r.code === code)!;

  const schools = async (): Promise<Download | { errors: unknown }> => {
    const rows: Row[] = [];
    const asOf = new Date().toISOString();
    for (let after: string | null = null; ;) {
      const result = await run(SCHOOLS, { after });
      if (result.errors) return { errors: result.errors };
      const page = (result.data as { schools: { edges: Array<{ node: Record<string, unknown> }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).schools;
      rows.push(...page.edges.map(({ node }) => flattenSchool(node)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const resource = resourceOf('GZJY-XX-001');
    return { title: resource.title, updateCycle: resource.updateCycle, asOf, rows };
  };

  const statistics = async (request: IncomingMessage): Promise<Download | { errors: unknown }> => {
    const groupBy = (new URL(request.url ?? '/', 'http://localhost').searchParams.get('groupBy') ?? 'DISTRICT').split(',').filter((d) => d !== '');
    // Only the statistics that have every dimension asked (ethnicity has no class-size band, say).
    const fields = statisticFields.filter((f) => groupBy.every((d) => (statisticDefinitions[f as StatisticName].dimensions as string[]).includes(d)));
    if (fields.length === 0) {
      const { message, extensions } = errors.badUserInput('groupBy', `no open statistic is grouped by ${groupBy.join(', ')}.`);
      return { errors: [{ message, extensions }] };
    }
    // One operation per statistic: all six tables in one would cost more than a client may ask for (MAX_QUERY_COST).
    const tables: Record<string, TableData> = {};
    for (const field of fields) {
      const result = await run(statisticsQuery([field]), { groupBy });
      if (result.errors) return { errors: result.errors };
      Object.assign(tables, (result.data as { statistics: Record<string, TableData> }).statistics);
    }
    const resource = resourceOf('GZJY-TJ-001');
    const asOf = Object.values(tables).map((t) => t.asOf).sort()[0] ?? new Date().toISOString();
    return {
      title: resource.title, updateCycle: resource.updateCycle, asOf,
      notes: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.note])),
      rows: Object.entries(tables).flatMap(([name, t]) => flattenTable(name, t)),
    };
  };

  const sources: Record<string, (request: IncomingMessage) => Promise<Download | { errors: unknown }>> = {
    'GZJY-XX-001': schools, 'GZJY-TJ-001': statistics,
  };
  const routes: Route[] = [{
    method: 'GET', path: '/open-data',
    handle: async (_request, response) => sendJson(response, 200, {
      resources: catalog.resources.filter((r) => r.open).map((r) => ({
        code: r.code, title: r.title, description: r.description, updateCycle: r.updateCycle,
        downloads: [`/open-data/${r.code}.csv`, `/open-data/${r.code}.csv-metadata.json`, `/open-data/${r.code}.json`],
      })),
    }),
  }];
  for (const [code, source] of Object.entries(sources)) {
    for (const format of ['json', 'csv', 'csv-metadata.json'] as const) {
      routes.push({
        method: 'GET', path: `/open-data/${code}.${format}`,
        handle: async (request, response) => {
          try {
            await admit(request);
          } catch (error) {
            if (error instanceof RefusedRequest) return sendRefusal(response, error);
            throw error;
          }
          return serve(request, response, code, format, () => source(request));
        },
      });
    }
  }
  return routes;
}

async function serve(request: IncomingMessage, response: ServerResponse, code: string, format: Format, load: () => Promise<Download | { errors: unknown }>): Promise<void> {
  const download = await load();
  if ('errors' in download) return sendJson(response, failureStatus(download.errors), { errors: download.errors });
  if (format === 'json') return sendJson(response, 200, { resource: code, ...download });
  const columns = [...new Set(download.rows.flatMap((row) => Object.keys(row)))];
  const query = new URL(request.url ?? '/', 'http://localhost').search;
  if (format === 'csv-metadata.json') {
    return sendJson(response, 200, csvwMetadata(code, `${code}.csv${query}`, download, columns), { 'content-type': 'application/csvm+json; charset=utf-8' });
  }
  // The first line is the header, so any CSV reader takes the file as it is; what describes it rides in headers and the CSVW file.
  const body = stringify([columns, ...download.rows.map((row) => columns.map((c) => row[c] ?? ''))], { cast: { boolean: (v) => String(v) } });
  response.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="${code}.csv"`,
    'last-modified': new Date(download.asOf).toUTCString(),
    // HTTP header values are Latin-1: the Chinese title and cycle are percent-encoded UTF-8 (as RFC 8187 values are).
    'x-dataset-title': encodeURIComponent(download.title),
    'x-update-cycle': encodeURIComponent(download.updateCycle),
    'x-as-of': download.asOf,
    link: `<${code}.csv-metadata.json${query}>; rel="describedby"; type="application/csvm+json"`,
  });
  // The byte-order mark makes Excel read the file as UTF-8, so the Chinese names survive a double-click.
  response.end(`\uFEFF${body}`);
}

/**
 * The CSVW description of a CSV download (W3C Recommendation, 2015): its
 * title, update cycle and as-of time in Dublin Core terms, the notes on
 * perturbation, and each column with its datatype.
 */
function csvwMetadata(code: string, url: string, download: Download, columns: ReadonlyArray<string>) {
  const datatype = (column: string) => (column === 'value' ? 'number' : column === 'perturbed' ? 'boolean' : column === 'asOf' ? 'datetime' : 'string');
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'zh-CN' }],
    url,
    'dc:identifier': code,
    'dc:title': download.title,
    'dc:accrualPeriodicity': download.updateCycle,
    'dc:modified': { '@value': download.asOf, '@type': 'xsd:dateTime' },
    ...(download.notes ? { 'dc:description': Object.entries(download.notes).map(([name, note]) => `${name}: ${note}`) } : {}),
    dialect: { header: true, encoding: 'utf-8' },
    tableSchema: { columns: columns.map((name) => ({ name, titles: name, datatype: datatype(name) })) },
  };
}

interface CellData { dimensions: Array<{ dimension: string; code: string; name: string }>; value: number | null }
interface TableData { title: string; unit: string; updateCycle: string; asOf: string; perturbed: boolean; note: string; cells: CellData[]; totals: CellData[] }

function flattenTable(name: string, table: TableData): Row[] {
  return [...table.cells, ...table.totals].map((cell) => {
    const row: Row = { statistic: name, title: table.title, unit: table.unit };
    for (const d of cell.dimensions) {
      row[d.dimension] = d.code;
      row[`${d.dimension}_NAME`] = d.name;
    }
    return { ...row, value: cell.value, perturbed: table.perturbed, asOf: table.asOf, updateCycle: table.updateCycle };
  });
}

function flattenSchool(node: Record<string, unknown>): Row {
  const codeName = (v: unknown) => v as { code: string; name: string };
  return {
    code: node.code as string, name: node.name as string, address: node.address as string,
    district: codeName(node.district).code, districtName: codeName(node.district).name,
    runningType: codeName(node.runningType).code, runningTypeName: codeName(node.runningType).name,
    ownership: codeName(node.ownership).code, ownershipName: codeName(node.ownership).name,
    foundedOn: (node.foundedOn as string | null) ?? null, principalName: node.principalName as string,
  };
}

/** A download that failed answers with the status its first error calls for: a legacy outage is not the client's fault. */
export function failureStatus(failures: unknown): number {
  const code = (failures as Array<{ extensions?: { code?: ErrorCode } }>)[0]?.extensions?.code;
  switch (code) {
    case 'UPSTREAM_UNAVAILABLE': return 503;
    case 'RATE_LIMITED': return 429;
    case 'UNAUTHENTICATED': return 401;
    case 'BAD_USER_INPUT': case 'QUERY_TOO_COSTLY': return 400;
    default: return 500;
  }
}
