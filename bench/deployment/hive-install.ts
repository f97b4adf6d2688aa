import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';

const HIVE_DIR = path.join(__dirname, '..', 'hive');

/**
 * Hive Gateway lives in bench/hive with a package.json of its own, installed
 * on the bench's first run: its dependency tree asks for a newer Node than the
 * pool supports, and the pool's own `npm install` stays free of those engine
 * warnings. Returns the entry script, relative to the repository root.
 */
export async function ensureHiveInstalled(log: (line: string) => void): Promise<string> {
  const runtime = path.join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway-runtime', 'package.json');
  const installed = await access(runtime).then(() => true, () => false);
  if (!installed) {
    log('installing Hive Gateway into bench/hive (first run only)');
    await new Promise<void>((resolve, reject) => {
      const child = spawn('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: HIVE_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm install in bench/hive exited with ${code}`))));
    });
  }
  return path.join('bench', 'hive', 'serve.mjs');
}
