import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { refusalText, type Person } from '../api';
import { ShareApplicationsDocument, type ShareApplicationsQuery } from '../gql/graphql';
import { formatInstant, statusLabels } from '../labels';
import { navigate } from '../route';
import { StageDeadlines } from '../StageDeadlines';
import { useUnits } from '../units';

type Application = ShareApplicationsQuery['shareApplications'][number];

/**
 * 待办: what awaits the person's unit (to endorse, to decide, or — declined —
 * to resubmit), with both stage deadlines and the running one counting down;
 * below it, every application the unit takes part in.
 */
export function InboxPage({ person }: { person: Person }) {
  const [{ data, error, fetching }] = useQuery({ query: ShareApplicationsDocument, variables: { first: 200 } });
  const all = data?.shareApplications ?? [];
  const awaiting = all.filter((a) => a.awaitingUnit === person.unit.code);
  return (
    <>
      {error && <Alert type="error" showIcon title={refusalText(error)} style={{ marginBottom: 16 }} />}
      <Card title={`待办（${awaiting.length}）`} style={{ marginBottom: 24 }}>
        <ApplicationsTable rows={awaiting} loading={fetching} />
      </Card>
      <Card title="本单位参与的共享申请">
        <ApplicationsTable rows={all} loading={fetching} />
      </Card>
    </>
  );
}

function ApplicationsTable({ rows, loading }: { rows: Application[]; loading: boolean }) {
  const { unitName } = useUnits();
  return (
    <Table<Application>
      rowKey="id" size="middle" loading={loading} dataSource={rows} pagination={{ pageSize: 10 }}
      onRow={(row) => ({ onClick: () => navigate(`/applications/${encodeURIComponent(row.id)}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '申请编号', dataIndex: 'id', render: (id: string) => <Typography.Link>{id.slice(0, 8)}</Typography.Link> },
        { title: '申请单位', dataIndex: 'applicant', render: unitName },
        { title: '资源', dataIndex: 'resources', render: (r: string[]) => r.join('、') },
        { title: '用途', dataIndex: 'purpose' },
        { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={statusLabels[s]?.color}>{statusLabels[s]?.text ?? s}</Tag> },
        { title: '待办单位', dataIndex: 'awaitingUnit', render: unitName },
        { title: '提交时间', dataIndex: 'submittedAt', render: formatInstant },
        { title: '期限（审核 / 答复）', render: (_: unknown, row: Application) => (row.awaitingUnit ? <StageDeadlines application={row} /> : <Typography.Text type="secondary">已办结</Typography.Text>) },
      ]}
    />
  );
}
