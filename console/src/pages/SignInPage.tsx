import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { signIn, type AuthAnswer, type Person } from '../api';

/** The pool answers in English for API clients; a person signing in reads Chinese, the lock's end in Beijing time. */
function refusalInChinese(answer: AuthAnswer): string {
  if (answer.lockedUntil) {
    const until = new Date(answer.lockedUntil).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
    return `账户已锁定，请于 ${until} 后重试`;
  }
  // The pool gives a wrong password, an unknown login and a disabled account one answer, so as not to tell them apart.
  return answer.code === 'UNAUTHENTICATED' ? '账号或密码错误' : answer.error ?? '登录失败';
}

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
          else setError(refusalInChinese(result));
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
