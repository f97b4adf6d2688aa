import { Alert, Card, Table, Tag } from 'antd';
import { useQuery } from 'urql';
import { refusalText, type Person } from '../api';
import { GrantsDocument, type GrantsQuery } from '../gql/graphql';
import { maskLabels } from '../labels';
import { useUnits } from '../units';

type Grant = GrantsQuery['grants'][number];

/** 我的授权: grants the unit holds, and grants it provided to others. */
export function GrantsPage({ person }: { person: Person }) {
  const [{ data, error, fetching }] = useQuery({ query: GrantsDocument });
  const { unitName } = useUnits();
  const grants = data?.grants ?? [];
  const columns = [
    { title: '授权编号', dataIndex: 'id', render: (id: string) => id.slice(0, 8) },
    { title: '资源', dataIndex: 'resource' },
    { title: '字段', dataIndex: 'fields', render: (f: string[]) => f.join('、') },
    { title: '脱敏', dataIndex: 'masks', render: (m: Grant['masks']) => (m.length ? m.map((x) => `${x.coordinate}：${maskLabels[x.mask] ?? x.mask}`).join('；') : '无') },
    { title: '记录范围', dataIndex: 'rowScope', render: (r: string[]) => (r.length ? r.map(unitName).join('、') : '全部') },
    { title: '用途', dataIndex: 'purpose' },
    { title: '有效期至', dataIndex: 'validUntil', render: (v: string) => v.slice(0, 10) },
    { title: '状态', dataIndex: 'active', render: (active: boolean, g: Grant) => (g.revokedAt ? <Tag color="red">已撤销</Tag> : active ? <Tag color="green">有效</Tag> : <Tag>已失效</Tag>) },
  ];
  return (
    <>
      {error && <Alert type="error" showIcon title={refusalText(error)} style={{ marginBottom: 16 }} />}
      <Card title="本单位持有的授权" style={{ marginBottom: 24 }}>
        <Table<Grant> rowKey="id" loading={fetching} dataSource={grants.filter((g) => g.grantee === person.unit.code)} columns={[{ title: '提供单位', dataIndex: 'provider', render: unitName }, ...columns]} />
      </Card>
      <Card title="本单位提供的授权">
        <Table<Grant> rowKey="id" loading={fetching} dataSource={grants.filter((g) => g.provider === person.unit.code)} columns={[{ title: '被授权单位', dataIndex: 'grantee', render: unitName }, ...columns]} />
      </Card>
    </>
  );
}
