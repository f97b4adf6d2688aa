import { useCallback, useEffect, useState } from 'react';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { currentSession, signOut, type Person } from './api';
import { roleLabels } from './labels';
import { can, type ConsoleAction } from './access';
import { navigate, useRoute } from './route';
import { ApplicationPage } from './pages/ApplicationPage';
import { ApplyPage } from './pages/ApplyPage';
import { CatalogPage } from './pages/CatalogPage';
import { DataPage } from './pages/DataPage';
import { GrantsPage } from './pages/GrantsPage';
import { InboxPage } from './pages/InboxPage';
import { ObjectionsPage } from './pages/ObjectionsPage';
import { SignInPage } from './pages/SignInPage';

/** The menu; a page with an action is listed only to people whose roles allow it. */
const pages: ReadonlyArray<{ key: string; label: string; needs?: ConsoleAction }> = [
  { key: '/inbox', label: '待办与申请' },
  { key: '/apply', label: '申请', needs: 'apply' },
  { key: '/catalog', label: '资源目录' },
  { key: '/grants', label: '我的授权' },
  { key: '/data', label: '数据查看' },
  { key: '/objections', label: '纠错' },
];

export function App() {
  const [person, setPerson] = useState<Person | null | undefined>(undefined);
  const route = useRoute();
  const refresh = useCallback(async () => setPerson((await currentSession()).person ?? null), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (person === undefined) return <Spin fullscreen />;
  if (person === null) return <SignInPage onSignedIn={setPerson} />;

  const applicationId = /^\/applications\/(.+)$/.exec(route)?.[1];
  const selected = applicationId ? '/inbox' : route;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>广州市教育专题数据资源池</Typography.Text>
        <Menu
          theme="dark" mode="horizontal" selectedKeys={[selected]} style={{ flex: 1, minWidth: 0 }}
          items={pages.filter((p) => !p.needs || can(person, p.needs)).map((p) => ({ key: p.key, label: p.label }))} onClick={({ key }) => navigate(key)}
        />
        <Space align="center">
          <Typography.Text style={{ color: '#fff', maxWidth: 320, whiteSpace: 'nowrap' }} ellipsis={{ tooltip: `${person.displayName}（${person.unit.name}）` }}
            data-testid="signed-in-person">{person.displayName}（{person.unit.name}）</Typography.Text>
          {person.roles.length === 0
            ? <Tag>无角色</Tag>
            : person.roles.map((role) => <Tag key={role} color="blue">{roleLabels[role] ?? role}</Tag>)}
          <Button size="small" onClick={async () => {
            await signOut();
            setPerson(null);
          }}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {applicationId ? <ApplicationPage id={decodeURIComponent(applicationId)} person={person} />
          : route === '/apply' ? <ApplyPage person={person} />
            : route === '/catalog' ? <CatalogPage />
              : route === '/grants' ? <GrantsPage person={person} />
                : route === '/data' ? <DataPage person={person} />
                  : route === '/objections' ? <ObjectionsPage person={person} />
                    : <InboxPage person={person} />}
      </Layout.Content>
    </Layout>
  );
}
