import path from 'node:path';
import type { Command } from 'commander';
import { backupDir, keyringFile } from '../../config/paths.js';
import { restoreBackup } from '../../db/backup/restore-backup.js';
import { backupFileName, writeBackup } from '../../db/backup/write-backup.js';
import { withDatabase } from '../database-session.js';
import type { Output } from '../output.js';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((sum, n) => sum + n, 0);

/** `netraven db backup [--out FILE]` and `netraven db restore FILE`: the embedded database's backups (they work on any database). */
export function registerBackupCommands(db: Command, output: Output): void {
  db.command('backup')
    .description('write every table into one checksummed archive; prints its path (the keyring is not in it: back it up separately)')
    .option('--out <file>', 'the archive to write; never overwritten (default: NETRAVEN_BACKUP_DIR, else NETRAVEN_HOME/backups, netraven-<UTC time>.jsonl.gz)')
    .action((flags: { out?: string }) =>
      withDatabase(async (database) => {
        const result = await writeBackup(database.knex, flags.out ?? path.join(backupDir(), backupFileName()));
        output.out(`${result.file}\n`);
        output.err(`wrote ${total(result.rows)} rows of ${Object.keys(result.rows).length} tables (schema ${result.schemaVersion}, ${result.bytes} bytes)\n`);
        output.err(`netraven: warning: the keyring is not in this backup: back up ${keyringFile()} separately, and again after every \`netraven keys rotate\`\n`);
      }),
    );

  db.command('restore <file>')
    .description('restore an archive of `db backup` into an empty database (same schema version), all or nothing')
    .action((file: string) =>
      withDatabase(async (database) => {
        const result = await restoreBackup(database.knex, path.resolve(file));
        output.out(`restored ${total(result.rows)} rows into ${Object.keys(result.rows).length} tables from ${result.file} (made ${result.createdAt}, schema ${result.schemaVersion})\n`);
        output.err(`netraven: warning: the keyring is not in the backup: put the keyring saved with it at ${keyringFile()}, then run \`netraven keys verify\`\n`);
      }, { allowUninitialised: true }),
    );
}
