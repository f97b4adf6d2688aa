import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { signIn, signInMethods, type AuthAnswer, type Person } from '../api';

/**
 * What went wrong when the identity platform sent the person back (the
 * gateway's /auth/oidc/callback redirects here with ?signInError=<code>;
 * gateway/people/oidc-routes.ts lists the codes).
 */
const oidcErrors: Readonly<Record<string, string>> = {
  oidc_state: '登录请求已失效或已被使用，请重新点击“统一身份认证登录”。',
  oidc_refused: '统一身份认证平台未完成登录（已取消或被拒绝）。',
  oidc_unavailable: '统一身份认证平台暂时无法访问，请稍后再试，或使用账号密码登录。',
  oidc_unit_missing: '统一身份认证平台没有提供您的所属单位，无法登录。请联系统一身份认证平台的管理员。',
  oidc_unit_unknown: '您在统一身份认证平台登记的单位不在本资源池的单位名录中，无法登录。请联系市教育局数据管理部门。',
  oidc_roles_invalid: '统一身份认证平台提供的角色不适用于您的单位，无法登录。请联系统一身份认证平台的管理员。',
  oidc_unit_changed: '您在统一身份认证平台的所属单位已变更，与本资源池中的账号不一致。请联系本单位的应用管理员。',
  oidc_disabled: '您的账号已停用。请联系本单位的应用管理员。',
  oidc_failed: '统一身份认证登录未能完成，请重新登录；如仍失败，请联系资源池运维人员。',
};

/** The error the identity platform's round trip left in the address, taken out of it so a reload does not show it again. */
function takeSignInError(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('signInError');
  if (code === null) return undefined;
  params.delete('signInError');
  const rest = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  return oidcErrors[code] ?? '登录未能完成，请重新登录。';
}

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
  const [error, setError] = useState<string | undefined>(takeSignInError);
  const [busy, setBusy] = useState(false);
  // Undefined until /auth/methods answers: the card waits rather than restyle its buttons under the person's cursor.
  const [oidc, setOidc] = useState<boolean>();
  useEffect(() => {
    void signInMethods().then((methods) => setOidc(methods.oidc));
  }, []);
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
      <Card title="广州市教育专题数据资源池 · 登录" style={{ width: 420 }} loading={oidc === undefined}>
        {oidc && (
          <>
            <Button type="primary" block size="large" href="/auth/oidc/start">统一身份认证登录</Button>
            <Divider plain>或使用资源池账号密码登录</Divider>
          </>
        )}
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
          <Button type={oidc ? 'default' : 'primary'} htmlType="submit" block loading={busy}>登录</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          连续输错密码 5 次，账号将锁定 15 分钟。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
