import type { Command } from 'commander';
import { getSetting, listSettings, setSetting } from '../../config/settings-store.js';
import { parseSettingText } from '../../config/settings.js';
import { withDatabase } from '../database-session.js';
import type { PagingFlags } from '../options.js';
import { printJson, printTable, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';

/** `netraven settings list|get|set`. */
export function registerSettingsCommands(program: Command, output: Output): void {
  const settings = program.command('settings').description('show and change system settings');

  pagedList(settings.command('list').description('list stored settings'), output, (knex, flags: PagingFlags) => listSettings(knex, flags), (items) =>
    printTable(output, items, [
      { header: 'key', value: (s) => s.key },
      { header: 'value', value: (s) => JSON.stringify(s.value) },
      { header: 'description', value: (s) => s.description },
    ]),
  );

  settings
    .command('get <key>')
    .description('print one setting')
    .option('--json', 'print JSON')
    .action((key: string, flags: { json?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const row = await getSetting(knex, key);
        if (flags.json) printJson(output, row);
        else output.out(`${JSON.stringify(row.value)}\n`);
      }),
    );

  settings
    .command('set <key> <value>')
    .description('change one setting; the value is checked against the setting\'s rule first')
    .action((key: string, text: string) =>
      withDatabase(async ({ knex }) => {
        const row = await setSetting(knex, key, parseSettingText(key, text));
        output.out(`${row.key} = ${JSON.stringify(row.value)}\n`);
      }),
    );
}
