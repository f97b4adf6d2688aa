import { useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Input, Table, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { refusalText } from '../api';
import { CatalogDocument, type CatalogQuery } from '../gql/graphql';
import { accessLabels, maskLabels, shareTypeLabels } from '../labels';
import { useUnits } from '../units';

type Resource = CatalogQuery['catalog'][number];
type Access = CatalogQuery['myAccess'][number];

/** 资源目录: every resource, and for each field what the signed-in person's unit may do with it and why. */
export function CatalogPage() {
  const [{ data, error, fetching }] = useQuery({ query: CatalogDocument });
  const [search, setSearch] = useState('');
  const { unitName } = useUnits();
  const accessByResource = useMemo(() => {
    const map = new Map<string, Access[]>();
    for (const entry of data?.myAccess ?? []) map.set(entry.resource, [...(map.get(entry.resource) ?? []), entry]);
    return map;
  }, [data]);
  const resources = (data?.catalog ?? []).filter((r) => `${r.code}${r.title}${r.description}${r.provider}${unitName(r.provider)}`.includes(search.trim()));
  return (
    <Card title="资源目录" extra={<Input.Search allowClear placeholder="搜索资源代码、名称或提供单位" onChange={(e) => setSearch(e.target.value)} style={{ width: 320 }} />}>
      {error && <Alert type="error" showIcon title={refusalText(error)} />}
      <Table<Resource>
        rowKey="code" loading={fetching} dataSource={resources} pagination={{ pageSize: 20 }}
        expandable={{ expandedRowRender: (resource) => <ResourceDetail resource={resource} access={accessByResource.get(resource.code) ?? []} /> }}
        columns={[
          { title: '资源代码', dataIndex: 'code', width: 140 },
          { title: '资源名称', dataIndex: 'title' },
          { title: '共享类型', dataIndex: 'shareType', width: 120, render: (t: string) => <Tag color={shareTypeLabels[t]?.color}>{shareTypeLabels[t]?.text ?? t}</Tag> },
          { title: '提供单位', dataIndex: 'provider', width: 130, render: unitName },
          { title: '更新周期', dataIndex: 'updateCycle', width: 100 },
          { title: '数据格式', dataIndex: 'format', width: 180 },
          { title: '开放', dataIndex: 'open', width: 70, render: (open: boolean) => (open ? <Tag color="green">开放</Tag> : '—') },
        ]}
      />
    </Card>
  );
}

function ResourceDetail({ resource, access }: { resource: Resource; access: Access[] }) {
  return (
    <>
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }} items={[
        { key: 'd', label: '资源摘要', children: resource.description, span: 2 },
        { key: 's', label: '来源系统', children: resource.sourceSystem },
        { key: 'r', label: '答复期限', children: `${resource.responseDeadline.days} 个${resource.responseDeadline.calendar === 'WORKING' ? '工作日' : '自然日'}` },
        ...(resource.legalBasis ? [{ key: 'l', label: '不予共享依据', children: resource.legalBasis, span: 2 }] : []),
      ]} />
      <Table<Access>
        size="small" rowKey="coordinate" pagination={false} dataSource={access}
        columns={[
          { title: '字段', dataIndex: 'coordinate', width: 260 },
          { title: '本单位可用情况', dataIndex: 'status', width: 140, render: (s: string) => <Tag color={accessLabels[s]?.color}>{accessLabels[s]?.text ?? s}</Tag> },
          { title: '说明', render: (_: unknown, entry: Access) => <AccessReason entry={entry} /> },
        ]}
      />
    </>
  );
}

/** Every status in words: the legal basis of a refusal, the resource to apply for, the conditions of a grant. */
function AccessReason({ entry }: { entry: Access }) {
  switch (entry.status) {
    case 'NOT_SHARED': return <Typography.Text type="danger">不予共享。依据：{entry.legalBasis ?? '见目录'}</Typography.Text>;
    case 'APPLYABLE': return <Typography.Text>尚未授权：请申请资源 {entry.resource}（只申请确需的字段）。</Typography.Text>;
    case 'OPEN': return <Typography.Text>开放数据，任何单位可读。</Typography.Text>;
    default: return (
      <Typography.Text>
        {entry.conditions.map((c, i) => (
          <span key={i}>
            {c.grantId ? `授权 ${c.grantId}` : '本辖区'}
            {c.mask ? `，脱敏：${maskLabels[c.mask] ?? c.mask}` : ''}
            {c.purpose ? `，用途：${c.purpose}` : ''}
            {c.validUntil ? `，有效期至 ${c.validUntil.slice(0, 10)}` : ''}
            {i < entry.conditions.length - 1 ? '；' : ''}
          </span>
        ))}
      </Typography.Text>
    );
  }
}
