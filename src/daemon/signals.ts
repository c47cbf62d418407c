const CODES: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Resolves on the first SIGTERM or SIGINT (docker stop, systemd, Ctrl-C) so the daemon can
 * shut down gracefully. A second signal means "now": the process exits at once with 128+n,
 * leaving its leases to expire (other daemons then retry the jobs).
 */
export function waitForStopSignal(onForced: (signal: NodeJS.Signals) => void = () => undefined): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onForced(signal);
        process.exit(CODES[signal as keyof typeof CODES] ?? 1);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
