/** Cleanup steps run once on exit, SIGINT, SIGTERM or SIGHUP: restore the terminal, close pools, stop the embedded database. */
const closers: Array<() => Promise<void>> = [];
let closing: Promise<void> | undefined;

/** Registers a cleanup step; steps run in reverse order of registration. */
export function onShutdown(close: () => Promise<void>): void {
  closers.push(close);
}

/** Runs every registered cleanup step once, even if one fails. */
export function runShutdown(): Promise<void> {
  closing ??= (async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  })();
  return closing;
}

const installed: Array<[NodeJS.Signals, () => void]> = [];

/**
 * Exits with 128+signal after cleanup when the process is interrupted, told to stop, or its
 * terminal hangs up; a second signal exits at once. The handlers stay installed (not `once`):
 * Ink's signal-exit re-raises a signal it sees no other listener for, which would kill the
 * process before the cleanup (stopping the embedded database) has run.
 */
export function installSignalHandlers(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    let received = false;
    const handler = () => {
      if (received) process.exit(code);
      received = true;
      void runShutdown().finally(() => process.exit(code));
    };
    installed.push([signal, handler]);
    process.on(signal, handler);
  }
}

/** Hands SIGINT/SIGTERM over to a command that shuts down by itself (the daemon drains its jobs first). */
export function releaseSignalHandlers(): void {
  for (const [signal, handler] of installed.splice(0)) process.off(signal, handler);
}
