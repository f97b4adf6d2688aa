import { useMemo, useState } from 'react';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { fieldRefusalText, purposeHeaders, refusalText, type Person } from '../api';
import { GrantsDocument, StudentPreviewDocument, type StudentPreviewQuery } from '../gql/graphql';
import { maskLabels } from '../labels';
import { useUnits } from '../units';

/** One refusal per field: the pool refuses a field once per record it is asked for. */
function firstPerField<T extends { extensions?: Record<string, unknown> }>(errors: ReadonlyArray<T>): T[] {
  const seen = new Set<unknown>();
  return errors.filter((e) => !seen.has(e.extensions?.coordinate) && seen.add(e.extensions?.coordinate));
}

type Row = NonNullable<StudentPreviewQuery['students']>['edges'][number]['node'];

/** Each column: its field, its heading, and the text of a value. */
const COLUMNS: ReadonlyArray<readonly [keyof Row, string, (row: Row) => string | null | undefined]> = [
  ['id', '学号', (r) => r.id], ['name', '姓名', (r) => r.name], ['gender', '性别', (r) => r.gender?.label],
  ['birthDate', '出生日期', (r) => r.birthDate], ['grade', '年级', (r) => r.grade?.name], ['idNumber', '身份证件号', (r) => r.idNumber],
  ['phone', '联系电话', (r) => r.phone], ['address', '现住址', (r) => r.address],
];

/**
 * 数据查看: a first page of student records as the unit's grants let it read
 * them — masked where the grant says so, and every refused field named with
 * the pool's own reason. Reading under a grant fixed to a purpose declares
 * that purpose (the x-edupool-purpose header), exactly as an app must.
 */
export function DataPage({ person }: { person: Person }) {
  const [{ data: grantsData }] = useQuery({ query: GrantsDocument });
  const { units, unitName } = useUnits();
  const held = useMemo(() => (grantsData?.grants ?? [])
    .filter((g) => g.grantee === person.unit.code && g.active && g.resource.startsWith('GZJY-XS-')), [grantsData, person]);
  const [choice, setChoice] = useState<string>('own');
  const grant = held.find((g) => g.id === choice);
  const scope = grant?.rowScope[0];
  // A district-wide grant is read one school at a time, starting with a school other than the reader's own.
  const schools = useMemo(() => units.filter((u) => u.type === 'SCHOOL' && scope !== undefined && (u.code === scope || u.parent === scope))
    .sort((a, b) => Number(a.code === person.unit.code) - Number(b.code === person.unit.code)), [units, scope, person]);
  const [chosenSchool, setSchool] = useState<string | undefined>();
  const school = schools.some((u) => u.code === chosenSchool) ? chosenSchool : schools[0]?.code;
  const filter = school !== undefined ? { school } : scope === undefined ? {} : /^\d{6}$/.test(scope) ? { district: scope } : { school: scope };
  const context = useMemo(() => purposeHeaders(grant?.purpose), [grant?.purpose]);
  const [{ data, error, fetching }] = useQuery({ query: StudentPreviewDocument, variables: { first: 10, filter }, context });
  const refusals = error?.graphQLErrors ?? [];
  const refusedColumns = new Set(refusals.map((e) => String(e.extensions?.coordinate ?? '')));
  const rows = data?.students?.edges.map((edge) => edge.node) ?? [];
  return (
    <Card title="数据查看（学生）" extra={<Space>
      {schools.length > 0 && (
        <Select style={{ width: 260 }} value={school} onChange={setSchool} aria-label="学校" showSearch optionFilterProp="label"
          options={schools.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))} />
      )}
      <Select style={{ width: 420 }} value={choice} onChange={setChoice} aria-label="读取依据" options={[
        { value: 'own', label: '本辖区记录' },
        ...held.map((g) => ({ value: g.id, label: `授权 ${g.id.slice(0, 8)} · ${g.resource} · ${g.rowScope.length ? g.rowScope.map(unitName).join('、') : '全部记录'} · 用途：${g.purpose}` })),
      ]} />
    </Space>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {grant && (
          <Typography.Text type="secondary">
            按授权读取：用途“{grant.purpose}”（已随请求声明）；{grant.masks.length ? `脱敏：${grant.masks.map((m) => `${m.coordinate}（${maskLabels[m.mask] ?? m.mask}）`).join('、')}` : '不脱敏'}；有效期至 {grant.validUntil.slice(0, 10)}
          </Typography.Text>
        )}
        <Table<Row>
          rowKey="id" size="small" loading={fetching} dataSource={rows} pagination={false}
          columns={COLUMNS.map(([key, title, text]) => ({
            title: refusedColumns.has(`Student.${key}`) ? <>{title} <Tag color="red">未授权</Tag></> : title,
            key,
            render: (_: unknown, row: Row) => text(row) ?? <Typography.Text type="secondary">—</Typography.Text>,
          }))}
        />
        {refusals.length > 0 && (
          <Alert type="warning" showIcon title="以下字段未提供" description={
            <ul style={{ margin: 0 }}>{firstPerField(refusals).map((e) => (
              <li key={String(e.extensions?.coordinate)}>{String(e.extensions?.coordinate ?? '')}：{fieldRefusalText(e.extensions, e.message)}</li>
            ))}</ul>
          } />
        )}
        {error && refusals.length === 0 && <Alert type="error" showIcon title={refusalText(error)} />}
      </Space>
    </Card>
  );
}
