import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIST } from '../gateway/console-route';

/**
 * The console is built on first start (about 20 s), so `npm install && npm
 * start` needs nothing else; later starts serve the build as it is. A failed
 * build stops start-up with its own output: a pool whose console 503s would
 * look up but leave its people out.
 */
export function ensureConsoleBuilt(log: (message: string) => void): void {
  if (existsSync(path.join(CONSOLE_DIST, 'index.html'))) return;
  log('building the console (first start only): npm run console:build');
  const result = spawnSync('npm', ['run', '--silent', 'console:build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The console did not build; run `npm run console:build` to see why.');
}
