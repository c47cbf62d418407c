import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { assertKeyringBelongs } from '../../credentials/keyring-identity.js';
import { NetRavenError } from '../../errors.js';
import { credentialLogins } from '../../retrieval/credential-logins.js';
import { loadRetrievalContext } from '../../retrieval/retrieval-context.js';
import { selectDevices, type SweepTarget } from '../../retrieval/select-devices.js';
import { runSweep } from '../../retrieval/sweep.js';
import { isDaemonAlive } from '../../daemon/daemon-liveness.js';
import { withDatabase } from '../database-session.js';
import { keyringFor } from '../keyring-session.js';
import { integerIn } from '../options.js';
import type { Output } from '../output.js';
import { queueSweep } from '../../retrieval/queue-sweep.js';
import { printQueued } from '../retrieve-queued.js';
import { printSweepSummary } from '../retrieve-summary.js';
import { onShutdown } from '../shutdown.js';
import { sweepReporter } from '../sweep-reporter.js';
import { useColour } from '../terminal-text.js';

interface RetrieveFlags {
  device: string[];
  tag?: string;
  all?: boolean;
  json?: boolean;
  concurrency?: number;
  queue?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function targetOf(flags: RetrieveFlags): SweepTarget {
  const chosen = [flags.device.length > 0, flags.tag !== undefined, flags.all === true].filter(Boolean).length;
  if (chosen !== 1) throw new NetRavenError('INPUT_INVALID', 'say which devices to retrieve: --device HOSTNAME (repeatable), --tag TAG or --all');
  if (flags.all) return { kind: 'all' };
  if (flags.tag !== undefined) return { kind: 'tag', tag: flags.tag };
  return { kind: 'hostnames', hostnames: flags.device };
}

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/**
 * `netraven retrieve --device H | --tag T | --all`: queued for the daemons when one runs (or with
 * --queue), printing the job id; otherwise one sweep in this process; exit 2 when a device failed.
 */
export function registerRetrieveCommand(program: Command, output: Output): void {
  program
    .command('retrieve')
    .description('log into devices, store each configuration that changed; exit code 2 when any device failed')
    .option('--device <hostname>', 'this device (repeatable; also when disabled)', collect, [])
    .option('--tag <tag>', 'every enabled device with this tag')
    .option('--all', 'every enabled device')
    .option('--concurrency <n>', 'devices at the same time (default: setting retrieval.concurrency)', integerIn(1, 2000))
    .option('--json', 'print one JSON summary with every device, and no progress')
    .option('--queue', 'queue the sweep for the daemons and print its job id (the default when a daemon is running)')
    .action((flags: RetrieveFlags, command: Command) =>
      withDatabase(async ({ knex }) => {
        const target = targetOf(flags);
        if (flags.queue || (await isDaemonAlive(knex))) {
          return printQueued(output, (await queueSweep(knex, target, operator())).job, { json: Boolean(flags.json), concurrency: flags.concurrency });
        }
        // Unknown devices first (NOT_FOUND), then a keyring that cannot be this database's: one line, before any device is contacted.
        await selectDevices(knex, target);
        const keyring = keyringFor(command, output);
        await assertKeyringBelongs(knex, keyring);
        const logins = credentialLogins(knex, keyring);
        const ctx = await loadRetrievalContext(knex, logins, flags.concurrency === undefined ? {} : { concurrency: flags.concurrency });
        const json = Boolean(flags.json);
        const colour = useColour(output);
        const reporter = sweepReporter(output, { json, colour });
        const stop = new AbortController();
        let finished = false;
        const sweep = runSweep(ctx, { target, signal: stop.signal, onProgress: (p) => reporter.onProgress(p), requestedBy: operator() }).finally(() => {
          finished = true;
        });
        // Ctrl-C: start no new device, let the running ones finish and record the job as cancelled.
        onShutdown(async () => {
          if (finished) return;
          if (!stop.signal.aborted) output.err('\nnetraven: cancelling: waiting for the devices already running (Ctrl-C again to quit at once)\n');
          stop.abort();
          await sweep.catch(() => undefined);
        });
        const result = await sweep;
        reporter.close();
        printSweepSummary(output, result, { json, colour });
        if (result.failed > 0) {
          throw new NetRavenError('RETRIEVAL_FAILED', `${result.failed} of ${result.total} devices failed; see \`netraven devices list\` or the job logs of job ${result.jobId}`, {
            details: { jobId: result.jobId },
          });
        }
      }),
    );
}
