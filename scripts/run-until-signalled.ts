/**
 * Runs a start function and closes what it started on SIGINT/SIGTERM. A start
 * that fails prints only its message (configuration and composition errors say
 * what to fix) and exits non-zero.
 */
export function runUntilSignalled(start: () => Promise<() => Promise<void>>): void {
  start().then((close) => {
    let closing = false;
    const stop = () => {
      if (closing) return;
      closing = true;
      close().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, (error: unknown) => {
    process.stderr.write(`EduPool did not start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
