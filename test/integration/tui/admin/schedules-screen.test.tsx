import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../../support/console-render.js';
import { seedDevices } from '../../../support/console-data.js';
import { useTestDatabase } from '../../../support/database.js';
import { changeRecords, EVIL, expectInert, openScreen, selectRow } from './admin-data.js';

/** "12-01 02:00" for the next three times a daily schedule at hh:mm fires. */
function nextDaily(hour: number, minute: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const at = new Date();
  at.setSeconds(0, 0);
  if (at.getHours() > hour || (at.getHours() === hour && at.getMinutes() >= minute)) at.setDate(at.getDate() + 1);
  at.setHours(hour, minute);
  return [0, 1, 2].map((d) => {
    const day = new Date(at);
    day.setDate(at.getDate() + d);
    return `${two(day.getMonth() + 1)}-${two(day.getDate())} ${two(hour)}:${two(minute)}`;
  }).join(' ');
}

describe('schedules screen', () => {
  const db = useTestDatabase();

  it('lists the schedules with the cron in words and the next three fire times; the system ones follow their settings', async () => {
    await seedDevices(db.knex, [{ hostname: 'core-1', tags: ['core'] }]);
    await db.knex('jobs').insert({ kind: 'retrieval', schedule: '15 4 * * 1-5', target: { tag: 'core' }, requestedBy: 'bob@ops' });
    const ui = await renderConsole(db, { columns: 120 });
    const frame = await openScreen(ui, 'schedules', 'Schedules 3');
    expect(frame).toMatch(/cron\s+when\s+retrieves\s+next three/);
    expect(frame).toContain(`0 2 * * *`);
    expect(frame).toMatch(new RegExp(`0 2 \\* \\* \\*\\s+At 02:00\\s+all devices\\s+${nextDaily(2, 0)}`));
    expect(frame).toMatch(new RegExp(`30 3 \\* \\* \\*\\s+At 03:30\\s+purge\\s+${nextDaily(3, 30)}`));
    expect(frame).toMatch(/15 4 \* \* 1-5\s+At 04:15, Monday through Friday\s+tag core\s+\d\d-\d\d 04:15 \d\d-\d\d 04:15 \d\d-\d\d 04:15/);
    expect(frame).toContain('follows the setting retrieval.schedule (change it on the settings screen) · last run never · no daemon has armed it yet');
    await selectRow(ui, '15 4');
    await ui.waitFor('added by bob@ops · last run never · id ');
  });

  it('a adds: the cron is checked as it is typed (invalid, too frequent, fine), then an optional tag; recorded as the operator\'s', async () => {
    const ui = await renderConsole(db, { columns: 160, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
    await openScreen(ui, 'schedules', 'Schedules 3');
    await ui.press('a');
    await ui.waitFor('Add a schedule');
    await ui.press(...'0 2 * *');
    await ui.waitFor(/CRON_INVALID: invalid cron expression "0 2 \* \*"/);
    await ui.press('\x15');
    for (let i = 0; i < 10; i++) await ui.press('\x7f');
    await ui.press(...'*/2 * * * *');
    await ui.waitFor(/SCHEDULE_TOO_FREQUENT: cron expression "\*\/2 \* \* \* \*" runs as often as every 2 minutes; schedules may run at most every 5 minutes/);
    await ui.press('enter');
    await ui.waitFor('SCHEDULE_TOO_FREQUENT');
    expect(await db.knex('jobs').whereNotNull('schedule').count('* as n')).toEqual([{ n: '1' }]);
    for (let i = 0; i < 11; i++) await ui.press('\x7f');
    await ui.press(...'0 */6 * * *');
    await ui.waitFor(/✓ On the hour, every 6 hours · next \d\d-\d\d \d\d:00, /);
    await ui.press('enter', ...'nosuch', 'enter');
    await ui.waitFor('NOT_FOUND: no tag named "nosuch"');
    expect(await db.knex('jobs').whereNotNull('schedule').count('* as n')).toEqual([{ n: '1' }]);
    await ui.press('a', ...'0 */6 * * *', 'enter', ...'CORE', 'enter');
    const frame = await ui.waitFor('schedule "0 */6 * * *" added: On the hour, every 6 hours, devices tagged core');
    await ui.waitFor(/0 \*\/6 \* \* \*\s+On the hour, every 6 hours\s+tag core/);
    expect(frame).not.toContain('Add a schedule');
    const row = await db.knex('jobs').where({ schedule: '0 */6 * * *' }).first();
    expect(row).toMatchObject({ requestedBy: 'alice@ops', target: { tag: 'core' } });
    expect((await changeRecords(db.knex)).at(-1)!.message).toBe(`schedule ${row.id} ("0 */6 * * *", devices tagged core) added by alice@ops`);
  });

  it('x removes after a confirmation (n keeps it); a system schedule cannot be removed here', async () => {
    const ui = await renderConsole(db, { columns: 160 });
    await openScreen(ui, 'schedules', 'Schedules 4');
    await selectRow(ui, '0 */6');
    await ui.press('x');
    await ui.waitFor('Remove the schedule "0 */6 * * *" (On the hour, every 6 hours, devices tagged core)?');
    expect(ui.lastFrame()).toContain('its past runs stay in the job history');
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('Remove the schedule'));
    expect(await db.knex('jobs').where({ schedule: '0 */6 * * *' })).toHaveLength(1);
    await ui.press('x', 'y');
    await ui.waitFor('schedule "0 */6 * * *" (devices tagged core) removed');
    await ui.waitFor('Schedules 3');
    expect(await db.knex('jobs').where({ schedule: '0 */6 * * *' })).toHaveLength(0);
    await selectRow(ui, '0 2 * * *');
    await ui.press('x');
    await ui.waitFor('this schedule follows the setting retrieval.schedule: change it on the settings screen');
  });

  it('a hostile tag in a schedule\'s target renders inert', async () => {
    await db.knex('jobs').insert({ kind: 'retrieval', schedule: '0 5 * * *', target: { tag: `t${EVIL}` }, requestedBy: `op${EVIL}` });
    const ui = await renderConsole(db, { columns: 160 });
    await openScreen(ui, 'schedules', 'tag tevil<U…');
    await selectRow(ui, '0 5');
    await ui.waitFor('devices tagged tevil<U+202E>txt');
    expectInert(ui);
  });
});
