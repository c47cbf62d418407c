import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';
import { changeRecords, EVIL, expectInert, openScreen, selectRow } from './admin-data.js';
import { SETTINGS } from '../../../../src/config/settings.js';

describe('settings screen', () => {
  const db = useTestDatabase();
  const stored = async (key: string) => (await db.knex('system_settings').where({ key }).first())?.value;

  it('shows every setting with value, default and when it applies; the highlighted one\'s description and rule', async () => {
    await db.knex('system_settings').where({ key: 'logs.flush_ms' }).update({ value: '400' });
    const ui = await renderConsole(db, { columns: 200 });
    const frame = await openScreen(ui, 'settings', `Settings ${Object.keys(SETTINGS).length}`);
    expect(frame).toMatch(/setting\s+value\s+default\s+applies/);
    expect(frame).toMatch(/database\.pool_size\s+10\s+10\s+restart/);
    expect(frame).toMatch(/keys\.rotation_batch_size\s+500\s+500\s+live/);
    expect(frame).toMatch(/logs\.flush_ms\s+400\s+200\s+restart/);
    // Sorted by key: the console.* settings come first; the SSH console's operators as a count, as `settings list` shows them.
    expect(frame).toMatch(/console\.operators\s+0 entries \(netraven operators list\)/);
    await selectRow(ui, 'database.pool_size');
    expect(ui.lastFrame()).toContain('database.pool_size: Connections each NetRaven process keeps open at most');
    expect(ui.lastFrame()).toContain('rule: a whole number from 2 to 500');
    expect(ui.lastFrame()).toContain('restart needed: running daemons and consoles use a change when they restart');
    expect(ui.selectedRow()).toMatch(/^database\.pool_size/);
    await selectRow(ui, 'retrieval.schedule');
    expect(ui.lastFrame()).toContain('rule: a cron expression (minute hour day-of-month month day-of-week, or 6 fields with seconds first), at most 200 characters, firing at most every schedules.min_interval_seconds');
  });

  it('Enter edits: an invalid value shows why while the rule stays in view, and is not stored; a valid one is stored and recorded', async () => {
    const ui = await renderConsole(db, { columns: 160, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
    await openScreen(ui, 'settings', `Settings ${Object.keys(SETTINGS).length}`);
    await selectRow(ui, 'retrieval.concurrency');
    await ui.press('enter');
    await ui.waitFor('Edit retrieval.concurrency');
    for (let i = 0; i < 2; i++) await ui.press('\x7f');
    await ui.press('0');
    let frame = await ui.waitFor('SETTINGS_INVALID: setting retrieval.concurrency: Too small: expected number to be >=1 (got 0)');
    expect(frame).toContain('rule: a whole number from 1 to 2,000');
    await ui.press('enter');
    await ui.waitFor('SETTINGS_INVALID');
    expect(await stored('retrieval.concurrency')).toBe(50);
    await ui.press('\x7f', ...'lots');
    await ui.waitFor('SETTINGS_INVALID: setting retrieval.concurrency: expected a number, got "lots"');
    for (let i = 0; i < 4; i++) await ui.press('\x7f');
    await ui.press(...'120');
    await ui.waitFor('✓ valid (applies live)');
    await ui.press('enter');
    await ui.waitFor('retrieval.concurrency = 120: applies live');
    await ui.waitFor(/retrieval\.concurrency\s+120\s+50\s+live/);
    expect(await stored('retrieval.concurrency')).toBe(120);
    expect((await changeRecords(db.knex)).at(-1)).toEqual({ requestedBy: 'alice@ops', message: 'setting retrieval.concurrency set to 120 (was 50; applies live) by alice@ops' });
  });

  it('a schedule setting more frequent than the minimum interval is refused; a restart-needed one says so when stored', async () => {
    const ui = await renderConsole(db, { columns: 200 });
    await openScreen(ui, 'settings', `Settings ${Object.keys(SETTINGS).length}`);
    await selectRow(ui, 'retrieval.schedule');
    await ui.press('enter', '\x15');
    for (let i = 0; i < 10; i++) await ui.press('\x7f');
    await ui.press(...'* * * * *', 'enter');
    await ui.waitFor(/SCHEDULE_TOO_FREQUENT: setting retrieval.schedule "\* \* \* \* \*" runs as often as every 1 minute; schedules may run at most every 5 minutes/);
    await ui.press('escape');
    await ui.waitFor((f) => !f.includes('Edit retrieval.schedule'));
    expect(await stored('retrieval.schedule')).toBe('0 2 * * *');
    await ui.press('g');
    await selectRow(ui, 'logs.flush_ms');
    await ui.press('enter', '\x7f', '\x7f', '\x7f', ...'300', 'enter');
    await ui.waitFor('logs.flush_ms = 300: running daemons and consoles use it when they restart');
  });

  it('a hostile setting description (and a stored value against the rule) render inert', async () => {
    await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).update({ description: `attempts ${EVIL}`, value: JSON.stringify(`9${EVIL}`) });
    const ui = await renderConsole(db, { columns: 200 });
    await openScreen(ui, 'settings', `Settings ${Object.keys(SETTINGS).length}`);
    await selectRow(ui, 'jobs.max_attempts');
    const frame = await ui.waitFor('jobs.max_attempts: attempts evil<U+202E>txt');
    expect(frame).toMatch(/jobs\.max_attempts\s+3\s+3\s+live/);
    expect(frame).toContain('stored value refused (setting jobs.max_attempts: Invalid input: expected number, received string');
    expectInert(ui);
  });
});
