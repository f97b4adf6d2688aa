import { loadConfig } from '../platform/config';
import { configuredLogger } from '../platform/logger';
import { startPool } from './start-pool';
import { runUntilSignalled } from './run-until-signalled';

/** `npm start`: the whole pool on embedded defaults, demo data generated on first run. */
runUntilSignalled(async () => {
  const config = loadConfig();
  const logger = configuredLogger(config, 'pool');
  const pool = await startPool(config, logger);
  logger.info({ gateway: pool.gatewayUrl }, `EduPool is up: ${pool.gatewayUrl} (token: npm run token -- --unit 440106)`);
  return pool.close;
});
