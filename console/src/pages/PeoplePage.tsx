import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { refusalText, type Person } from '../api';
import { SetAccountRolesDocument, UnitAccountsDocument, type PersonRole, type UnitAccountsQuery } from '../gql/graphql';
import { formatInstant, roleLabels } from '../labels';

type Account = UnitAccountsQuery['unitAccounts'][number];

/**
 * 人员与角色: the unit's people and the roles they hold; the app administrator
 * edits a person's roles among those the unit's kind allows (the pool says
 * which). Administrators cannot take APP_ADMIN from themselves.
 */
export function PeoplePage({ person }: { person: Person }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: UnitAccountsDocument });
  const [editing, setEditing] = useState<Account>();
  const accounts = data?.unitAccounts ?? [];
  if (error && !data) return <Alert type="error" showIcon title="只有本单位的应用管理员可以管理人员与角色" description={refusalText(error)} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={refusalText(error)} />}
      <Card title={`${person.unit.name} · 人员与角色`}>
        <Table<Account>
          rowKey="id" size="middle" loading={fetching} dataSource={accounts} pagination={{ pageSize: 20 }}
          columns={[
            { title: '登录名', dataIndex: 'login' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色', dataIndex: 'roles', render: (roles: string[]) => (roles.length === 0
                ? <Tag>无角色</Tag> : roles.map((role) => <Tag key={role} color="blue">{roleLabels[role] ?? role}</Tag>)),
            },
            {
              title: '状态', render: (_: unknown, a: Account) => (a.disabled ? <Tag>已停用</Tag>
                : a.lockedUntil ? <Tag color="orange">锁定至 {formatInstant(a.lockedUntil)}</Tag> : <Tag color="green">正常</Tag>),
            },
            { title: '操作', render: (_: unknown, a: Account) => <Button size="small" onClick={() => setEditing(a)}>编辑角色</Button> },
          ]}
        />
      </Card>
      {editing && data && (
        <RolesModal account={editing} assignable={data.assignableRoles} self={editing.id === person.id} onClose={(done) => {
          setEditing(undefined);
          if (done) reload({ requestPolicy: 'network-only' });
        }} />
      )}
    </Space>
  );
}

function RolesModal({ account, assignable, self, onClose }: {
  account: Account; assignable: ReadonlyArray<PersonRole>; self: boolean; onClose: (done: boolean) => void;
}) {
  const { message } = AntApp.useApp();
  const [roles, setRoles] = useState<PersonRole[]>([...account.roles]);
  const [{ fetching }, save] = useMutation(SetAccountRolesDocument);
  return (
    <Modal open title={`编辑角色：${account.displayName}（${account.login}）`} okText="保存" cancelText="取消" okButtonProps={{ loading: fetching }}
      onCancel={() => onClose(false)}
      onOk={async () => {
        const result = await save({ accountId: account.id, roles });
        if (result.error) return void message.error(refusalText(result.error));
        void message.success('角色已更新');
        onClose(true);
      }}>
      <Checkbox.Group value={roles} onChange={(value) => setRoles(value as PersonRole[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={assignable.map((role) => ({
          value: role, label: `${roleLabels[role] ?? role}（${role}）`,
          // Locking oneself out of the unit's administration is refused by the pool too.
          disabled: self && role === 'APP_ADMIN' && account.roles.includes('APP_ADMIN'),
        }))} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        只列出本单位类别可以担任的角色。{self && '不能取消自己的应用管理员角色，请由本单位另一位应用管理员操作。'}
      </Typography.Paragraph>
    </Modal>
  );
}
