import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The console is served by the gateway at /console (gateway/console-route.ts),
 * so every asset URL starts there and nothing is loaded from elsewhere. JSX
 * goes through Vite's own transform (React 17+ automatic runtime).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, in the developers' explorer only, is one 2.8 MB chunk; the console's own chunk stays near 1 MB.
    chunkSizeWarningLimit: 3_000,
    rolldownOptions: {
      // The developers' explorer is a page of its own (served at /explorer outside production only).
      input: { console: path.join(import.meta.dirname, 'index.html'), explorer: path.join(import.meta.dirname, 'explorer.html') },
      // Ant Design marks its modules "use client" for React Server Components; a client-only bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  logLevel: 'warn',
});
