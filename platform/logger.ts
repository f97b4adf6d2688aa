import pino from 'pino';

/** One structured logger per process; parts name themselves with `child({ part })`. */
export function createLogger(level: string, part: string): pino.Logger {
  return pino({ level, base: { part } });
}

export type Logger = pino.Logger;
