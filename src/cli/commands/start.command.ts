import type { Command } from 'commander';
import { initDatabase } from '../../db/init.js';
import { withDatabase } from '../database-session.js';
import { setUpKeyring } from '../keyring-session.js';
import type { Output } from '../output.js';
import { printStatus } from './db.command.js';

/** `netraven start`: brings up the database (initialising an empty one) and shows its status. */
export function registerStartCommand(program: Command, output: Output): void {
  program
    .command('start')
    .description('start NetRaven on DATABASE_URL or the embedded database, initialising it if empty')
    .action((_flags: unknown, command: Command) =>
      withDatabase(async (database) => {
        const { changes } = await initDatabase(database.knex);
        for (const change of changes) output.err(`init: ${change}\n`);
        await setUpKeyring(database.knex, command, output);
        await printStatus(database, output, false);
      }, { allowUninitialised: true }),
    );
}
