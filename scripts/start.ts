import { loadConfig } from '../platform/config';
import { configuredLogger } from '../platform/logger';
import { demoAccountsOf } from '../store/people';
import { ensureConsoleBuilt } from './ensure-console';
import { demoAccountsOn } from './pool-parts';
import { startPool } from './start-pool';
import { runUntilSignalled } from './run-until-signalled';

/** `npm start`: the whole pool on embedded defaults, demo data generated on first run. */
runUntilSignalled(async () => {
  const config = loadConfig();
  const logger = configuredLogger(config, 'pool');
  ensureConsoleBuilt((message) => logger.info(message));
  const pool = await startPool(config, logger);
  logger.info({ gateway: pool.gatewayUrl }, `EduPool is up: ${pool.gatewayUrl} (token: npm run token -- --unit 440106)`);
  if (demoAccountsOn(config)) {
    const accounts = demoAccountsOf(pool.unitTree.all());
    const lines = accounts.map((a) => `  ${a.login.padEnd(22)} ${a.displayName}`);
    console.log([
      `Demo accounts (${accounts.length}), every one with the password ${config.DEMO_PASSWORD}:`,
      ...lines,
      `Console: ${new URL('/console/', pool.gatewayUrl).href} — apps get tokens at POST /oauth/token (client_credentials).`,
    ].join('\n'));
  }
  return pool.close;
});
