import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, guardActions, type ConsoleServices } from '../../../src/console/console-services.js';
import type { ConsoleEvent } from '../../../src/console/live-events.js';
import { seedDevices } from '../../support/console-data.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';
import { SETTINGS } from '../../../src/config/settings.js';

describe('console schedule and setting actions', () => {
  const db = useTestDatabase();
  let services: ConsoleServices;
  const events: ConsoleEvent['type'][] = [];

  beforeAll(async () => {
    await seedDevices(db.knex, [{ hostname: 'core-1', tags: ['core'] }]);
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring(), actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
    services.subscribe((event) => events.push(event.type));
  });
  afterAll(async () => {
    await services.close();
  });

  const recorded = () => db.knex('jobs as j').join('job_logs as l', 'l.job_id', 'j.id').where('j.kind', 'change').orderBy('l.id').select('j.requested_by', 'l.message');

  it('lists the system schedules from their settings before any daemon made them, with words and the next three fire times', async () => {
    const rows = await services.scheduleList();
    expect(rows.map((r) => [r.id, r.cron, r.words, r.scope, r.system])).toEqual([
      [null, '0 2 * * *', 'At 02:00', 'all enabled devices', 'retrieval.schedule'],
      [null, '30 3 * * *', 'At 03:30', 'retention purge', 'retention.purge_schedule'],
    ]);
    expect(rows[0]!.next).toHaveLength(3);
    expect(rows[0]!.next.every((d) => d.getHours() === 2 && d.getMinutes() === 0)).toBe(true);
  });

  it('checks a cron as typed: invalid, too frequent, fine', async () => {
    await expect(services.checkCron('0 2 * *')).rejects.toMatchObject({ code: 'CRON_INVALID' });
    await expect(services.checkCron('*/1 * * * *')).rejects.toMatchObject({ code: 'SCHEDULE_TOO_FREQUENT' });
    await expect(services.checkCron('x'.repeat(201))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const ok = await services.checkCron('0  */6 * * *');
    expect(ok).toMatchObject({ cron: '0 */6 * * *', words: 'On the hour, every 6 hours' });
    expect(ok.next).toHaveLength(3);
  });

  it('adds and removes a schedule as the operator, each recorded; an unknown tag and a system schedule are refused', async () => {
    await expect(services.addSchedule({ cron: '0 */6 * * *', tag: 'nosuch' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const added = await services.addSchedule({ cron: '0 */6 * * *', tag: 'CORE' });
    expect(added).toMatchObject({ cron: '0 */6 * * *', tag: 'core', scope: 'devices tagged core', requestedBy: 'alice@ops', system: null });
    expect((await services.scheduleList()).map((r) => r.id)).toContain(added.id);
    await expect.poll(() => events.includes('schedules')).toBe(true);
    await db.knex('jobs').insert({ kind: 'purge', schedule: '30 3 * * *', target: { system: 'retention.purge_schedule' } });
    const system = (await services.scheduleList()).find((r) => r.system === 'retention.purge_schedule')!;
    await expect(services.removeSchedule(system.id!)).rejects.toThrow(/comes from the setting retention.purge_schedule/);
    await services.removeSchedule(added.id!);
    expect((await services.scheduleList()).map((r) => r.id)).not.toContain(added.id);
    const lines = await recorded();
    expect(lines.map((l: { requestedBy: string }) => l.requestedBy)).toEqual(['alice@ops', 'alice@ops']);
    expect(lines[0].message).toBe(`schedule ${added.id} ("0 */6 * * *", devices tagged core) added by alice@ops`);
    expect(lines[1].message).toBe(`schedule ${added.id} ("0 */6 * * *", devices tagged core) removed by alice@ops`);
  });

  it('lists every setting with value, default, rule and when it applies; a stored description is shown', async () => {
    await db.knex('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: '80', description: 'stored words' });
    await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).delete();
    const rows = await services.settingsList();
    const concurrency = rows.find((r) => r.key === 'retrieval.concurrency')!;
    expect(concurrency).toMatchObject({ value: '80', default: '50', rule: 'a whole number from 1 to 2,000', effect: 'live', description: 'stored words', stored: true, invalid: null });
    expect(rows.find((r) => r.key === 'database.pool_size')).toMatchObject({ value: '10', default: '10', effect: 'restart', stored: true });
    expect(rows.find((r) => r.key === 'jobs.max_attempts')).toMatchObject({ value: '3', stored: false, description: 'Times a job is tried after its worker died before it is failed' });
    expect(rows.find((r) => r.key === 'retrieval.redact_secrets')!.rule).toBe('true or false');
    expect(rows.find((r) => r.key === 'retrieval.credential_fallback')!.rule).toBe('one of: always, first-contact-only, never');
    expect(rows.find((r) => r.key === 'retrieval.schedule')!.rule).toMatch(/^a cron expression .* at most every schedules.min_interval_seconds$/);
    expect(rows.map((r) => r.key)).toEqual([...rows.map((r) => r.key)].sort());
  });

  it('checks and sets a value typed by the operator; an invalid one shows the rule and is not stored', async () => {
    await expect(services.checkSettingValue('retrieval.concurrency', '0')).rejects.toThrow(/setting retrieval.concurrency: Too small: expected number to be >=1/);
    await expect(services.setSettingValue('retrieval.concurrency', 'lots')).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
    await expect(services.setSettingValue('retrieval.schedule', '* * * * *')).rejects.toMatchObject({ code: 'SCHEDULE_TOO_FREQUENT' });
    await expect(services.setSettingValue('no.such', '1')).rejects.toMatchObject({ code: 'SETTING_UNKNOWN' });
    expect((await services.settingsList()).find((r) => r.key === 'retrieval.concurrency')!.value).toBe('80');
    expect(await services.checkSettingValue('retrieval.concurrency', '120')).toBe('120');
    const changed = await services.setSettingValue('retrieval.concurrency', '120');
    expect(changed).toMatchObject({ key: 'retrieval.concurrency', value: '120', stored: true });
    await db.knex('system_settings').where({ key: 'logs.flush_ms' }).delete();
    await services.setSettingValue('logs.flush_ms', '500');
    await expect.poll(() => events.includes('settings')).toBe(true);
    const lines = await recorded();
    expect(lines.slice(-2).map((l: { message: string }) => l.message)).toEqual([
      'setting retrieval.concurrency set to 120 (was 80; applies live) by alice@ops',
      'setting logs.flush_ms set to 500 (was 200 (default); running daemons and consoles apply it when they restart) by alice@ops',
    ]);
  });

  it('an operator may add and remove schedules but not change settings; a viewer may do neither', async () => {
    const operator = guardActions({ ...services, actor: { name: 'carol@ops', role: 'operator', via: 'ssh' } });
    const viewer = guardActions({ ...services, actor: { name: 'bob@ops', role: 'viewer', via: 'ssh' } });
    await expect(operator.checkCron('0 4 * * *')).resolves.toHaveProperty('words');
    expect(() => operator.setSettingValue('retrieval.concurrency', '5')).toThrow(/not allowed for role operator: setSettingValue needs role admin/);
    expect(() => viewer.addSchedule({ cron: '0 4 * * *' })).toThrow(/not allowed for role viewer: addSchedule needs role operator/);
    expect(() => viewer.removeSchedule('x')).toThrow(/not allowed for role viewer: removeSchedule needs role operator/);
    await expect(viewer.settingsList()).resolves.toHaveLength(Object.keys(SETTINGS).length);
  });
});
