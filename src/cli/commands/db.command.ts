import type { Command } from 'commander';
import { redactUrl } from '../../config/environment.js';
import { readLoginPasswords } from '../../config/login-passwords.js';
import type { Database } from '../../db/connection.js';
import { initDatabase } from '../../db/init.js';
import { readDatabaseStatus } from '../../db/status.js';
import { withDatabase } from '../database-session.js';
import { setUpKeyring } from '../keyring-session.js';
import { printJson, type Output } from '../output.js';
import { registerBackupCommands } from './db-backup.command.js';

/** Prints what `netraven db status` shows: where, which server, which schema, how many rows. */
export async function printStatus(db: Database, output: Output, json: boolean): Promise<void> {
  const status = await readDatabaseStatus(db.knex);
  const database = db.embeddedHome ? `embedded PostgreSQL in ${db.embeddedHome}` : redactUrl(db.url);
  if (json) {
    printJson(output, { database, ...status });
    return;
  }
  output.out(`database  ${database}\n`);
  output.out(`server    PostgreSQL ${status.serverVersion}\n`);
  output.out(`schema    ${status.schemaVersion ?? 'not initialised: run `netraven db init`'}\n`);
  if (!status.rowCounts) return;
  const width = Math.max(...Object.keys(status.rowCounts).map((t) => t.length));
  output.out('\nrows per table\n');
  for (const [table, count] of Object.entries(status.rowCounts)) output.out(`  ${table.padEnd(width)}  ${count}\n`);
}

/** `netraven db init|status`. */
export function registerDbCommands(program: Command, output: Output): void {
  const db = program.command('db').description('initialise and inspect the NetRaven database');

  db.command('init')
    .description('create extensions, roles, the schema, default settings and tags, the service logins of NETRAVEN_LOGIN_PASSWORD_FILES and the keyring (safe to run again)')
    .action((_flags: unknown, command: Command) => {
      // Every password file is read before anything is changed.
      const logins = readLoginPasswords();
      return withDatabase(async (database) => {
        const { changes } = await initDatabase(database.knex, { logins, url: database.url });
        if (changes.length === 0) output.out('database already initialised: nothing changed\n');
        for (const change of changes) output.out(`${change}\n`);
        await setUpKeyring(database.knex, command, output);
      }, { allowUninitialised: true });
    });

  db.command('status')
    .description('server version, schema version and row counts per table')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => withDatabase((database) => printStatus(database, output, Boolean(flags.json)), { allowUninitialised: true }));

  registerBackupCommands(db, output);
}
