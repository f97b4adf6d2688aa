import { DRAIN_MS } from '../platform/close-gracefully';

/**
 * The hard deadline after the first SIGTERM/SIGINT: servers drain for
 * DRAIN_MS, then the audit queue is flushed and the pools closed; whatever
 * still hangs then is abandoned, so every part ends within 10 s.
 */
const HARD_DEADLINE_MS = DRAIN_MS + 1_500;

/**
 * A signal this soon after the first is the same stop, not a second one: a
 * terminal's Ctrl-C reaches every process of its group, and `npm run`
 * forwards the one it received to its script as well.
 */
const REPEAT_WINDOW_MS = 500;

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNAL_NUMBERS;

/**
 * Runs a start function and, on SIGTERM or SIGINT, closes what it started:
 * servers stop accepting and drain, then queues flush and pools close, and the
 * process exits 0. A second signal exits at once (128 + its number), as does
 * the hard deadline (exit 1). A start that fails prints only its message
 * (configuration and composition errors say what to fix) and exits 1.
 * A process started with an IPC channel also stops when that channel closes.
 */
export function runUntilSignalled(start: () => Promise<() => Promise<void>>): void {
  let firstSignalAt: number | undefined;
  let close: (() => Promise<void>) | undefined;
  const onSignal = (signal: StopSignal) => {
    const now = Date.now();
    if (firstSignalAt !== undefined) {
      if (now - firstSignalAt < REPEAT_WINDOW_MS) return;
      process.stderr.write(`EduPool: second ${signal}, exiting without waiting for the shutdown to finish.\n`);
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    }
    firstSignalAt = now;
    process.stderr.write(`EduPool: ${signal} received, finishing requests in flight (again to exit at once).\n`);
    setTimeout(() => {
      process.stderr.write(`EduPool: shutdown did not finish within ${HARD_DEADLINE_MS} ms, exiting.\n`);
      process.exit(1);
    }, HARD_DEADLINE_MS).unref();
    // A signal during start-up stops as soon as the start has finished (or failed).
    if (close) stop(close);
  };
  const stop = (closeStarted: () => Promise<void>) => {
    closeStarted().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`EduPool: shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // An instance of `start:cluster` holds a channel to it: the cluster process gone (even by SIGKILL), the instance stops too.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => onSignal('SIGTERM'));
  }
  start().then((closeStarted) => {
    close = closeStarted;
    if (firstSignalAt !== undefined) stop(closeStarted);
  }, (error: unknown) => {
    process.stderr.write(`EduPool did not start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
