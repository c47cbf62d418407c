import { Option, type Command } from 'commander';
import { keyringFromEnvironment } from '../../credentials/keyring-source.js';
import { openDatabase } from '../../db/connection.js';
import { assertSchemaUsable, readSchemaState } from '../../db/migrations.js';
import { newDaemonId, startDaemon } from '../../daemon/daemon.js';
import { createDaemonLogger } from '../../daemon/daemon-logger.js';
import { checkHealth } from '../../daemon/health.js';
import { daemonHandlers } from '../../daemon/job-handlers.js';
import { KeyringMonitor } from '../../daemon/keyring-monitor.js';
import { waitForStopSignal } from '../../daemon/signals.js';
import { errorFields } from '../../jobs/logger.js';
import { withDatabase } from '../database-session.js';
import { integerIn } from '../options.js';
import { printJson, type Output } from '../output.js';
import { releaseSignalHandlers } from '../shutdown.js';

interface DaemonFlags {
  check?: boolean;
  json?: boolean;
  concurrency?: number;
  scheduler: boolean;
  shutdownTimeout: number;
  keyringCheckInterval: number;
  allowInsecureKeyring?: boolean;
  strict?: boolean;
}

/** `netraven daemon [--check]`: the headless worker and scheduler, or its health check. */
export function registerDaemonCommand(program: Command, output: Output): void {
  program
    .command('daemon')
    .description('run jobs and schedules headless (JSON logs on stdout); several daemons may share one database')
    .option('--check', 'exit 0 only if the database answers, a daemon on this host has a fresh heartbeat and its keyring opens credentials (container HEALTHCHECK)')
    .option('--json', 'with --check: print the report as JSON')
    .addOption(new Option('--concurrency <n>', 'jobs at a time (default: setting retrieval.concurrency)').argParser(integerIn(1, 2000)))
    .option('--no-scheduler', 'never fire schedules from this daemon (it only runs jobs)')
    .addOption(new Option('--shutdown-timeout <seconds>', 'on SIGTERM/SIGINT, how long running jobs may finish before they are released').argParser(integerIn(0, 3600)).default(30))
    .addOption(
      new Option('--keyring-check-interval <seconds>', 'how often the daemon checks that its keyring still opens credentials (it takes no retrieval jobs while it does not)')
        .argParser(integerIn(1, 3600))
        .default(10),
    )
    .action(async (_flags: DaemonFlags, command: Command) => {
      const flags = command.optsWithGlobals<DaemonFlags>();
      if (flags.check) {
        await withDatabase(async ({ knex }) => {
          const report = await checkHealth(knex);
          if (flags.json) return printJson(output, report);
          const d = report.local[0]!;
          output.out(`healthy: daemon pid ${d.pid} on ${report.host}, heartbeat ${d.heartbeatAgeSeconds?.toFixed(1)} s ago (${report.all.length} daemon(s) on this database)\n`);
        });
        return;
      }
      await runDaemon(flags, output);
    });
}

/** Resolves when the reader of the daemon's log goes away (`netraven daemon | head`). */
function outputClosed(output: Output): Promise<'output closed'> {
  return new Promise((resolve) => {
    if (output.closed?.aborted) resolve('output closed');
    output.closed?.addEventListener('abort', () => resolve('output closed'));
  });
}

async function runDaemon(flags: DaemonFlags, output: Output): Promise<void> {
  // The daemon drains its jobs before it exits, so it takes the signals over from the CLI.
  releaseSignalHandlers();
  // A closed log pipe ends the daemon like SIGTERM: with nobody reading, it would work unseen.
  const stopSignal = Promise.race([waitForStopSignal(), outputClosed(output)]);
  const database = await openDatabase();
  try {
    assertSchemaUsable(await readSchemaState(database.knex));
    const id = newDaemonId();
    const logger = createDaemonLogger({ daemonId: id, destination: { write: (line: string) => output.out(line) } });
    // A daemon whose keyring cannot open credentials would claim retrievals and fail every device: it does not start.
    const allowInsecure = flags.strict ? false : flags.allowInsecureKeyring ? true : undefined;
    const keyring = keyringFromEnvironment({ allowInsecure, warn: (message) => logger.warn({ component: 'keyring' }, message) });
    const monitor = new KeyringMonitor({ knex: database.knex, keyring, logger, intervalMs: flags.keyringCheckInterval * 1000 });
    await monitor.start();
    const handlers = await daemonHandlers({ knex: database.knex, workerId: id, logger, keyring, keyringFault: monitor.keyringFault });
    const daemon = await startDaemon({
      id,
      database,
      logger,
      registry: handlers.registry,
      concurrency: flags.concurrency,
      scheduler: flags.scheduler,
      keyring: monitor,
      onSettings: handlers.applySettings,
    });
    const signal = await stopSignal;
    logger.info({ signal }, 'daemon: stop requested');
    try {
      await daemon.stop(flags.shutdownTimeout * 1000);
    } catch (err) {
      logger.error(errorFields(err), 'daemon: error while stopping');
    }
  } finally {
    await database.close();
  }
}
