/** Opens the console on this process's terminal: signals, uncaught errors and the exit all give the terminal back first. */
import type { Knex } from 'knex';
import { loadEnvironment } from '../config/environment.js';
import { createConsoleServices } from '../console/console-services.js';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { startConsole, type ConsoleTerminal } from '../tui/run-console.js';
import type { Output } from './output.js';
import { reportError } from './report-error.js';
import { onShutdown } from './shutdown.js';

/**
 * Runs the console until the operator quits. SIGTERM/SIGHUP/SIGINT (shutdown.ts) and an
 * uncaught error (main.ts: one line after the restore, the stack with --verbose, exit 70) stop
 * it and restore the terminal before anything else is closed. Errors a screen threw are
 * printed the same way after the console ends.
 */
export async function runConsoleOnTerminal(
  terminal: ConsoleTerminal,
  database: { knex: Knex; url: string; embeddedHome?: string },
  keyring: KeyringSource,
  output: Output,
  verbose: boolean,
): Promise<void> {
  const services = await createConsoleServices({ database, keyring, keyRotationUrl: loadEnvironment().keyRotationDatabaseUrl });
  onShutdown(() => services.close());
  const screenErrors: unknown[] = [];
  // Libraries warn on the console (knex: "Connection Error" when a pooled connection dies):
  // on the alternate screen that would scribble over the frame. Kept, printed after with --verbose.
  const logged: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const keep = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  Object.assign(console, { log: keep, info: keep, warn: keep, error: keep, debug: keep });
  onShutdown(async () => void Object.assign(console, saved));
  const session = startConsole(services, terminal, { onError: (err) => screenErrors.push(err) });
  onShutdown(async () => session.stop());
  // An uncaught error ends in src/cli/main.ts: the shutdown steps (this session's stop first, it
  // was registered last) give the terminal back before its one line is printed.
  try {
    await session.done;
  } finally {
    Object.assign(console, saved);
  }
  if (verbose) for (const line of logged) output.err(`netraven: logged while the console ran: ${line}\n`);
  for (const err of screenErrors) reportError(err, verbose, output.err);
  const sweeps = services.sweepsHere();
  if (sweeps.length > 0) output.err(`netraven: cancelling ${sweeps.length} sweep(s) this console ran: waiting for the devices already running\n`);
  await services.close();
}
