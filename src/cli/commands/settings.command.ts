import type { Command } from 'commander';
import { settingEffect } from '../../config/setting-effects.js';
import { getSetting, listSettings, setSetting } from '../../config/settings-store.js';
import { isSettingKey, managedListSummary, parseSettingText } from '../../config/settings.js';
import { withDatabase } from '../database-session.js';
import type { PagingFlags } from '../options.js';
import { printJson, printTable, type Output } from '../output.js';
import { pagedList } from '../paged-list.js';

/** 'live', 'restart needed', or '' for a stored key this version does not know. */
function applies(key: string): string {
  if (!isSettingKey(key)) return '';
  return settingEffect(key) === 'live' ? 'live' : 'restart needed';
}

/** The value for the table: JSON, or for a setting with its own commands (operators' keys: long) a count and the command that lists it. */
function valueText(key: string, value: unknown): string {
  const managed = managedListSummary(key, value);
  if (managed) return `${managed.entries} entries (\`${managed.listCommand}\`)`;
  return JSON.stringify(value);
}

/** `netraven settings list|get|set`. */
export function registerSettingsCommands(program: Command, output: Output): void {
  const settings = program.command('settings').description('show and change system settings ("applies": live in running daemons within seconds, or when they restart)');

  const list = settings.command('list').description('list stored settings and when a change applies to running daemons');
  pagedList(
    list,
    output,
    async (knex, flags: PagingFlags) => {
      const page = await listSettings(knex, flags);
      return { ...page, items: page.items.map((s) => ({ key: s.key, value: s.value, applies: applies(s.key), description: s.description, updatedAt: s.updatedAt })) };
    },
    (items) =>
      printTable(output, items, [
        { header: 'key', value: (s) => s.key },
        { header: 'value', value: (s) => valueText(s.key, s.value) },
        { header: 'applies', value: (s) => s.applies },
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
        if (flags.json) printJson(output, { ...row, applies: applies(row.key) });
        else output.out(`${JSON.stringify(row.value)}\n`);
      }),
    );

  settings
    .command('set <key> <value>')
    .description('change one setting; the value is checked against the setting\'s rule first; running daemons apply it within seconds unless it says "restart needed"')
    .action((key: string, text: string) =>
      withDatabase(async ({ knex }) => {
        const row = await setSetting(knex, key, parseSettingText(key, text));
        output.out(`${row.key} = ${JSON.stringify(row.value)}\n`);
        if (applies(row.key) === 'restart needed') {
          output.err(`netraven: warning: ${row.key} takes effect in a running daemon or console only when it restarts; new commands use it at once\n`);
        }
      }),
    );
}
