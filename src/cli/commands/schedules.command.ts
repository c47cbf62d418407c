import type { Command } from 'commander';
import { addSchedule, listSchedules, removeSchedule, type Schedule } from '../../jobs/schedule-store.js';
import { withDatabase } from '../database-session.js';
import { printJson, printTable, type Output } from '../output.js';
import { sanitiseLine } from '../../sanitise.js';

function scopeOf(schedule: Schedule): string {
  if (schedule.kind === 'purge') return 'retention purge';
  return schedule.tag ? `devices tagged ${schedule.tag}` : 'all enabled devices';
}

/** `netraven schedules list|add|remove`. */
export function registerSchedulesCommands(program: Command, output: Output): void {
  const schedules = program.command('schedules').description('recurring jobs, fired by the daemon that holds the scheduler lock');

  schedules.command('list').description('every schedule: the system ones (from settings) and those added here')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) =>
      withDatabase(async ({ knex }) => {
        const rows = await listSchedules(knex);
        if (flags.json) return printJson(output, rows);
        printTable(output, rows, [
          { header: 'id', value: (s) => s.id },
          { header: 'cron', value: (s) => s.cron },
          { header: 'kind', value: (s) => s.kind },
          { header: 'scope', value: scopeOf },
          { header: 'source', value: (s) => (s.system ? `setting ${s.system}` : 'schedules add') },
          { header: 'last tick', value: (s) => s.lastTick },
        ]);
        if (rows.length === 0) output.err('no schedules yet: a running daemon creates the system ones from the settings retrieval.schedule and retention.purge_schedule\n');
      }),
    );

  schedules.command('add').description('add a recurring retrieval of all enabled devices, or of those with a tag')
    .requiredOption('--cron <expression>', 'when, as cron: minute hour day-of-month month day-of-week (e.g. "0 */6 * * *"), server local time')
    .option('--tag <tag>', 'only devices with this tag')
    .action((flags: { cron: string; tag?: string }) =>
      withDatabase(async ({ knex }) => {
        const schedule = await addSchedule(knex, flags);
        output.out(`${schedule.id}\n`);
        output.err(`schedule added: "${sanitiseLine(schedule.cron)}" retrieves ${sanitiseLine(scopeOf(schedule))}\n`);
      }),
    );

  schedules.command('remove <id>').description('remove a schedule (its past runs stay in the job history)')
    .action((id: string) =>
      withDatabase(async ({ knex }) => {
        const schedule = await removeSchedule(knex, id);
        output.out(`schedule ${schedule.id} ("${sanitiseLine(schedule.cron)}", ${sanitiseLine(scopeOf(schedule))}) removed\n`);
      }),
    );
}
