import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { refusalText } from '../api';
import {
  AppsDocument, CatalogDocument, RegisterAppDocument, RevokeAppDocument, RotateAppSecretDocument, type AppsQuery,
} from '../gql/graphql';
import { formatInstant } from '../labels';

type RegisteredApp = AppsQuery['apps'][number];

/** What the administrator must keep from an answer that holds a secret; shown once, in the modal. */
interface ShownSecret {
  readonly title: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const READABLE = new Set(['OPEN', 'JURISDICTION', 'GRANTED']);

/**
 * 应用与令牌: the unit's app administrator registers apps (name, the catalog
 * resources they read, the purpose they read them for), rotates their secrets
 * and revokes them. A secret is in the mutation's answer only, so it is shown
 * once in a modal and then forgotten by the page too.
 */
export function AppsPage() {
  const [{ data, error, fetching }, reload] = useQuery({ query: AppsDocument });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const [shown, setShown] = useState<ShownSecret>();
  const [revoking, setRevoking] = useState<RegisteredApp>();
  const { message } = AntApp.useApp();
  const [, rotate] = useMutation(RotateAppSecretDocument);
  const apps = data?.apps ?? [];
  if (error && !data) return <Alert type="error" showIcon title="只有本单位的应用管理员可以管理应用与令牌" description={refusalText(error)} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={refusalText(error)} />}
      <RegisterAppCard onRegistered={(secret) => {
        setShown(secret);
        refresh();
      }} />
      <Card title="本单位应用">
        <Table<RegisteredApp>
          rowKey="clientId" size="middle" loading={fetching} dataSource={apps} pagination={{ pageSize: 10 }}
          columns={[
            { title: '应用名称', dataIndex: 'name' },
            { title: '应用编号（client_id）', dataIndex: 'clientId', render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
            { title: '授权范围', dataIndex: 'scope', render: (scope: string[]) => scope.map((code) => <Tag key={code}>{code}</Tag>) },
            { title: '用途', dataIndex: 'purpose' },
            { title: '注册时间', dataIndex: 'createdAt', render: formatInstant },
            { title: '最近轮换', dataIndex: 'rotatedAt', render: formatInstant },
            {
              title: '状态', render: (_: unknown, app: RegisteredApp) => (app.revokedAt
                ? <Space direction="vertical" size={0}><Tag color="red">已吊销</Tag><Typography.Text type="secondary">{formatInstant(app.revokedAt)} · {app.revokeReason}</Typography.Text></Space>
                : <Tag color="green">有效</Tag>),
            },
            {
              title: '操作', render: (_: unknown, app: RegisteredApp) => !app.revokedAt && (
                <Space>
                  <Popconfirm
                    title="轮换密钥" description="旧密钥将立即失效，已签发的令牌在过期前仍可使用。确定轮换？" okText="轮换" cancelText="取消"
                    onConfirm={async () => {
                      const result = await rotate({ clientId: app.clientId });
                      if (result.error || !result.data) return void message.error(refusalText(result.error) ?? '轮换失败');
                      setShown({ title: '新密钥', clientId: app.clientId, clientSecret: result.data.rotateAppSecret.clientSecret });
                      refresh();
                    }}
                  >
                    <Button size="small">轮换密钥</Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setRevoking(app)}>吊销</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {shown && <SecretModal shown={shown} onClose={() => setShown(undefined)} />}
      {revoking && <RevokeModal app={revoking} onClose={(done) => {
        setRevoking(undefined);
        if (done) refresh();
      }} />}
    </Space>
  );
}

function RegisterAppCard({ onRegistered }: { onRegistered: (secret: ShownSecret) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ name: string; scope: string[]; purpose: string }>();
  const [{ data }] = useQuery({ query: CatalogDocument, requestPolicy: 'cache-first' });
  const [{ fetching }, register] = useMutation(RegisterAppDocument);
  // Only what the unit can read now may be in an app's scope; the rest is listed, disabled, with the reason.
  const options = useMemo(() => (data?.catalog ?? []).map((resource) => {
    const statuses = (data?.myAccess ?? []).filter((entry) => entry.resource === resource.code).map((entry) => entry.status);
    const readable = statuses.some((status) => READABLE.has(status));
    const why = resource.shareType === 'NOT_SHARED' ? '（不予共享）' : '（需先申请共享）';
    return { value: resource.code, label: `${resource.code} ${resource.title}${readable ? '' : why}`, disabled: !readable };
  }), [data]);
  return (
    <Card title="注册应用" size="small">
      <Typography.Paragraph type="secondary">
        应用以本单位身份、按授权范围和用途，用客户端凭证（OAuth 2.0 client credentials）在 /oauth/token 换取令牌。授权范围只能选本单位现在能读取的资源。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={async (values) => {
        const result = await register({ input: values });
        if (result.error || !result.data) return void message.error(refusalText(result.error) ?? '注册失败');
        const { app, clientSecret } = result.data.registerApp;
        form.resetFields();
        onRegistered({ title: `应用“${app.name}”已注册`, clientId: app.clientId, clientSecret });
      }}>
        <Form.Item name="name" label="应用名称" rules={[{ required: true, whitespace: true, message: '请填写应用名称' }, { max: 100 }]}>
          <Input placeholder="如 天河区学位管理系统" />
        </Form.Item>
        <Form.Item name="scope" label="授权范围（资源目录）" rules={[{ required: true, message: '请至少选择一个资源' }]}>
          <Select mode="multiple" options={options} placeholder="选择应用读取的资源" optionFilterProp="label" aria-label="授权范围" />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, whitespace: true, message: '请说明应用读取数据的用途' }, { max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="应用读取这些数据做什么；每次读取都按此用途记入审计" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>注册</Button>
      </Form>
    </Card>
  );
}

function SecretModal({ shown, onClose }: { shown: ShownSecret; onClose: () => void }) {
  return (
    <Modal open width={640} title={shown.title} closable={false} maskClosable={false} keyboard={false}
      footer={<Button type="primary" onClick={onClose}>我已保存密钥</Button>}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }}
        title="密钥只显示这一次"
        description="关闭后无法再次查看，资源池只保存它的摘要。请立即复制并妥善保存；遗失后只能轮换密钥。" />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="应用编号（client_id）">
          <Typography.Text code copyable data-testid="client-id">{shown.clientId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="客户端密钥（client_secret）">
          <Typography.Text code copyable={{ tooltips: ['复制密钥', '已复制'] }} data-testid="client-secret">{shown.clientSecret}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

function RevokeModal({ app, onClose }: { app: RegisteredApp; onClose: (done: boolean) => void }) {
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [{ fetching }, revoke] = useMutation(RevokeAppDocument);
  return (
    <Modal open title={`吊销应用“${app.name}”`} okText="吊销" okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: fetching }}
      cancelText="取消" onCancel={() => onClose(false)}
      onOk={async () => {
        const result = await revoke({ clientId: app.clientId, reason: reason.trim() });
        if (result.error) return void message.error(refusalText(result.error));
        void message.success('应用已吊销，已签发的令牌在所有网关立即失效');
        onClose(true);
      }}>
      <Typography.Paragraph>吊销后密钥不能再换取令牌，已签发给该应用的令牌立即失效。吊销不可撤回。</Typography.Paragraph>
      <Input.TextArea rows={2} maxLength={500} placeholder="吊销原因（必填）" aria-label="吊销原因" value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
