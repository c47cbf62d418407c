import type { Command } from 'commander';
import type { Database } from '../../db/connection.js';
import { initDatabase } from '../../db/init.js';
import { NetRavenError } from '../../errors.js';
import type { ConsoleTerminal } from '../../tui/run-console.js';
import { processTerminal } from '../process-terminal.js';
import { withDatabase } from '../database-session.js';
import { keyringFor, setUpKeyring } from '../keyring-session.js';
import type { Output } from '../output.js';
import { printStatus } from './db.command.js';

/** Ink, React and the screens are loaded only when the console opens: other commands start as fast as before. */
async function openConsole(terminal: ConsoleTerminal, database: Database, command: Command, output: Output): Promise<void> {
  const { runConsoleOnTerminal } = await import('../console-terminal.js');
  await runConsoleOnTerminal(terminal, database, keyringFor(command, output), output, Boolean(command.optsWithGlobals().verbose));
}

async function prepare(database: Database, command: Command, output: Output): Promise<void> {
  const { changes } = await initDatabase(database.knex);
  for (const change of changes) output.err(`init: ${change}\n`);
  await setUpKeyring(database.knex, command, output);
}

/**
 * `netraven start` (also `npm start` and `netraven` alone): brings up the database
 * (initialising an empty one), then opens the console on a terminal; without one (a pipe,
 * CI, a script) it prints the database status and how to open the console, and exits 0.
 */
export function registerStartCommand(program: Command, output: Output): void {
  program
    .command('start')
    .description('start NetRaven on DATABASE_URL or the embedded database (initialising it if empty) and open the console on a terminal')
    .action((_flags: unknown, command: Command) =>
      withDatabase(async (database) => {
        await prepare(database, command, output);
        const terminal = processTerminal();
        if (!terminal || !output.isTTY) {
          await printStatus(database, output, false);
          output.out('\nopen the console in a terminal: `npm start` or `netraven console`\n');
          return;
        }
        await openConsole(terminal, database, command, output);
      }, { allowUninitialised: true }),
    );

  program
    .command('console')
    .description('open the operations console (full screen; needs a terminal)')
    .action((_flags: unknown, command: Command) => {
      const terminal = processTerminal();
      if (!terminal || !output.isTTY) {
        throw new NetRavenError('TERMINAL_REQUIRED', 'the console needs a terminal on stdin and stdout; for scripts use the commands (`netraven --help`)');
      }
      return withDatabase(async (database) => {
        await prepare(database, command, output);
        await openConsole(terminal, database, command, output);
      }, { allowUninitialised: true });
    });
}
