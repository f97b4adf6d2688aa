import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { signIn, type Person } from '../api';

export function SignInPage({ onSignedIn }: { onSignedIn: (person: Person) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
      <Card title="广州市教育专题数据资源池 · 登录" style={{ width: 420 }}>
        <Form layout="vertical" onFinish={async (values: { login: string; password: string }) => {
          setBusy(true);
          const result = await signIn(values.login, values.password);
          setBusy(false);
          if (result.person) onSignedIn(result.person);
          else setError(result.error);
        }}>
          <Form.Item label="账号" name="login" rules={[{ required: true, message: '请输入账号' }]}>
            <Input autoComplete="username" placeholder="如 440106.clerk" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          连续输错密码 5 次，账号将锁定 15 分钟。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
