/** Opens the console on this process's terminal: signals, uncaught errors and the exit all give the terminal back first. */
import type { Knex } from 'knex';
import { createConsoleServices } from '../console/console-services.js';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { startConsole, type ConsoleTerminal } from '../tui/run-console.js';
import type { Output } from './output.js';
import { reportError } from './report-error.js';
import { onShutdown, runShutdown } from './shutdown.js';

/** This process's terminal when both stdin and stdout are one; null when either is piped or a file. */
export function processTerminal(): ConsoleTerminal | null {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * Runs the console until the operator quits. SIGTERM/SIGHUP/SIGINT (shutdown.ts) stop it
 * and restore the terminal before anything else is closed; an uncaught error restores the
 * terminal, then prints its one line (the stack with --verbose) and exits 70. Errors a
 * screen threw are printed the same way after the console ends.
 */
export async function runConsoleOnTerminal(
  terminal: ConsoleTerminal,
  database: { knex: Knex; url: string; embeddedHome?: string },
  keyring: KeyringSource,
  output: Output,
  verbose: boolean,
): Promise<void> {
  const services = await createConsoleServices({ database, keyring });
  onShutdown(() => services.close());
  const screenErrors: unknown[] = [];
  const session = startConsole(services, terminal, { onError: (err) => screenErrors.push(err) });
  onShutdown(async () => session.stop());
  const fatal = (err: unknown) => {
    session.stop();
    reportError(err, verbose, output.err);
    void runShutdown().finally(() => process.exit(70));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    await session.done;
  } finally {
    process.off('uncaughtException', fatal);
    process.off('unhandledRejection', fatal);
  }
  for (const err of screenErrors) reportError(err, verbose, output.err);
  const sweeps = services.sweepsHere();
  if (sweeps.length > 0) output.err(`netraven: cancelling ${sweeps.length} sweep(s) this console ran: waiting for the devices already running\n`);
  await services.close();
}
