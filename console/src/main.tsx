import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Provider } from 'urql';
import { poolClient } from './api';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Narrower menu items, so that an administrator's eight pages fit the header at 1280 px. */}
    <ConfigProvider locale={zhCN} theme={{ components: { Menu: { itemPaddingInline: 14 } } }}>
      <AntApp>
        <Provider value={poolClient}>
          <App />
        </Provider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
