import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { can } from '../access';
import { refusalText, type Person } from '../api';
import { GiveUpGrantDocument, GrantsDocument, type GrantsQuery } from '../gql/graphql';
import { maskLabels } from '../labels';
import { useUnits } from '../units';

type Grant = GrantsQuery['grants'][number];

function GrantStatus({ grant }: { grant: Grant }) {
  if (grant.givenUp) return <Tag color="default">已放弃</Tag>;
  if (grant.revokedAt) return <Tag color="red">已撤销</Tag>;
  return grant.active ? <Tag color="green">有效</Tag> : <Tag>已失效</Tag>;
}

/**
 * 我的授权: grants the unit holds, and grants it provided to others. An
 * applicant may give up (放弃) a held grant the unit no longer needs; it ends
 * at once, like a revocation.
 */
export function GrantsPage({ person }: { person: Person }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: GrantsDocument });
  const [giving, setGiving] = useState<Grant | null>(null);
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
    { title: '状态', dataIndex: 'active', render: (_: boolean, g: Grant) => <GrantStatus grant={g} /> },
  ];
  const giveUp = can(person, 'giveUp')
    ? [{
        title: '操作',
        width: 120,
        render: (_: unknown, g: Grant) => (g.active ? <Button size="small" danger onClick={() => setGiving(g)}>放弃授权</Button> : null),
      }]
    : [];
  return (
    <>
      {error && <Alert type="error" showIcon title={refusalText(error)} style={{ marginBottom: 16 }} />}
      <Card title="本单位持有的授权" style={{ marginBottom: 24 }}>
        <Table<Grant> rowKey="id" loading={fetching} dataSource={grants.filter((g) => g.grantee === person.unit.code)}
          columns={[{ title: '提供单位', dataIndex: 'provider', render: unitName }, ...columns, ...giveUp]} />
      </Card>
      <Card title="本单位提供的授权">
        <Table<Grant> rowKey="id" loading={fetching} dataSource={grants.filter((g) => g.provider === person.unit.code)}
          columns={[{ title: '被授权单位', dataIndex: 'grantee', render: unitName }, ...columns]} />
      </Card>
      {giving && <GiveUpDialog grant={giving} onClose={(changed) => {
        setGiving(null);
        if (changed) reload({ requestPolicy: 'network-only' });
      }} />}
    </>
  );
}

/** Confirms giving a grant up, with an optional reason; the pool's refusal is shown in its own words. */
function GiveUpDialog({ grant, onClose }: { grant: Grant; onClose: (changed: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [, giveUp] = useMutation(GiveUpGrantDocument);
  const [reason, setReason] = useState('');
  return (
    <Modal open title="放弃授权" okText="确认放弃" okButtonProps={{ danger: true }} cancelText="取消" onCancel={() => onClose(false)}
      onOk={async () => {
        const result = await giveUp({ id: grant.id, reason: reason.trim() || null });
        if (result.error) {
          void message.error(refusalText(result.error));
          return;
        }
        void message.success('已放弃授权，本单位即时不能再按此授权读取数据');
        onClose(true);
      }}>
      <Typography.Paragraph>
        放弃后，本单位立即不能再按此授权读取 {grant.resource}（{grant.fields.join('、')}），且不可恢复；如仍需要，须重新申请。
      </Typography.Paragraph>
      <Input.TextArea rows={2} aria-label="放弃理由" placeholder="理由（可不填）" value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
