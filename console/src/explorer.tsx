import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * The developers' explorer (GraphiQL), served by the gateway at /explorer in
 * development only and built with the console, so it loads nothing from a CDN
 * and reports nothing. It asks the pool's own /graphql as the signed-in person
 * (the session cookie), or with whatever headers the developer sets
 * (Authorization, x-edupool-purpose).
 */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(options?.headers as Record<string, string> | undefined) },
    body: JSON.stringify(params),
  });
  return response.json();
};

const DEFAULT_QUERY = `# 开发者查询台：以当前登录身份（或在 Headers 中设置 Authorization）查询数据资源池。
# 读取限定用途的授权时，在 Headers 中声明用途：{"x-edupool-purpose": "<百分号编码的用途>"}
{
  catalog { code title shareType }
}
`;

createRoot(document.getElementById('explorer')!).render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
