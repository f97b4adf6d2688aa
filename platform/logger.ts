import pino from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config';

export type LogFormat = 'json' | 'pretty';

/**
 * One structured logger per process; parts name themselves with `child({ part })`.
 * Production logs are JSON lines for the log collector. A developer at a
 * terminal reads them pretty-printed (pino-pretty, written synchronously, so
 * no worker thread outlives the process); LOG_FORMAT chooses explicitly.
 */
export function createLogger(level: string, part: string, format?: LogFormat, production = false): pino.Logger {
  const chosen = format ?? (!production && process.stdout.isTTY ? 'pretty' : 'json');
  const options = { level, base: { part } };
  if (chosen === 'json') return pino(options);
  return pino(options, pretty({ sync: true, colorize: process.stdout.isTTY === true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }));
}

/** The process's logger as the configuration asks (LOG_LEVEL, LOG_FORMAT, NODE_ENV). */
export function configuredLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>, part: string): pino.Logger {
  return createLogger(config.LOG_LEVEL, part, config.LOG_FORMAT, config.NODE_ENV === 'production');
}

export type Logger = pino.Logger;
