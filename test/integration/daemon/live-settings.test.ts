import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { isElected, isStarted, startDaemonProcess, type LogLine } from '../../support/daemon-process.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { eventually } from '../../support/eventually.js';
import { tempDir } from '../../support/keyring.js';

// `settings set` while a daemon runs: live settings reach it through NOTIFY within seconds,
// the others are marked "restart needed" and warned about; schedules obey a minimum interval.
describe('settings changed under a running daemon', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-live-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  const cli = (args: string[], input?: string) => runCli(args, { env: env(), input });
  const daemon = (args: string[] = ['--no-scheduler']) => startDaemonProcess(db.url, args, env());
  const applied = (setting: string, value: unknown) => (line: LogLine) => line.msg === 'daemon: setting applied' && line.setting === setting && line.value === value;
  const stored = async (key: string) => (await db.knex('system_settings').where({ key }).first('value')).value;
  const sims: SimulatedDevice[] = [];

  beforeAll(async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
    expect((await cli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'hang'], 'admin-pass\n')).code).toBe(0);
    for (let i = 1; i <= 3; i++) {
      // Accepts the login, then never sends a prompt: only retrieval.login_timeout_seconds ends it.
      const sim = await startSimulatedDevice({ driver: 'arista_eos', hostname: `hung-${i}`, hangAfterLogin: true });
      sims.push(sim);
      expect((await cli(['devices', 'add', `hung-${i}`, '--ip', sim.host, '--port', String(sim.port), '--type', 'arista_eos', '--tag', 'hang'])).code).toBe(0);
    }
  });
  afterAll(async () => {
    await Promise.allSettled(sims.map((sim) => sim.close()));
  });

  it('a retrieval timeout set after the daemon started applies to its next retrieval', async () => {
    const running = daemon();
    await running.waitFor(isStarted, 20_000, 'start');
    const set = await cli(['settings', 'set', 'retrieval.login_timeout_seconds', '2']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toBe('');
    await running.waitFor(applied('retrieval.login_timeout_seconds', 2), 10_000, 'the daemon applying the new timeout');
    const queued = await cli(['retrieve', '--device', 'hung-1']);
    expect(queued.code, queued.stderr).toBe(0);
    const jobId = queued.stdout.trim();
    await eventually(async () => (await db.knex('jobs').where({ id: jobId }).first('status'))?.status === 'failed', 20_000, 'the retrieval to fail');
    const device = await db.knex('devices').where({ hostname: 'hung-1' }).first('lastRetrievalErrorCode', 'lastRetrievalError');
    expect(device.lastRetrievalErrorCode).toBe('TIMEOUT');
    // The default (20 s) would be named here had the daemon kept the value it started with.
    expect(device.lastRetrievalError).toMatch(/sent nothing within 2 s/);
  });

  it('retrieval.concurrency set after the daemon started bounds the devices it runs at once', async () => {
    const running = daemon();
    await running.waitFor(isStarted, 20_000, 'start');
    expect((await cli(['settings', 'set', 'retrieval.concurrency', '1'])).code).toBe(0);
    await running.waitFor(applied('retrieval.concurrency', 1), 10_000, 'the daemon applying the concurrency');
    const queued = await cli(['retrieve', '--tag', 'hang']);
    const sweepId = queued.stdout.trim();
    let most = 0;
    await eventually(async () => {
      const { rows } = await db.knex.raw("SELECT count(*) FILTER (WHERE status = 'running')::int AS running, count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS open, count(*)::int AS total FROM jobs WHERE parent_job_id = ?", [sweepId]);
      most = Math.max(most, rows[0].running);
      return rows[0].total === 3 && rows[0].open === 0;
    }, 30_000, 'the sweep to finish');
    expect(most).toBe(1);
    await cli(['settings', 'set', 'retrieval.concurrency', '50']);
  });

  it('a "restart needed" setting is marked in settings list, warned about by settings set, and logged by the daemon', async () => {
    const list = JSON.parse((await cli(['settings', 'list', '--json', '--limit', '100'])).stdout) as { items: Array<{ key: string; applies: string }> };
    const applies = Object.fromEntries(list.items.map((item) => [item.key, item.applies]));
    expect(applies).toMatchObject({ 'database.pool_size': 'restart needed', 'jobs.lease_seconds': 'restart needed', 'retrieval.login_timeout_seconds': 'live', 'retrieval.schedule': 'live' });
    expect((await cli(['settings', 'list', '--limit', '100'])).stdout).toMatch(/^database\.pool_size +10 +restart needed +Connections/m);

    const running = daemon();
    await running.waitFor(isStarted, 20_000, 'start');
    const set = await cli(['settings', 'set', 'database.pool_size', '12']);
    expect(set.stdout).toBe('database.pool_size = 12\n');
    expect(set.stderr).toBe('netraven: warning: database.pool_size takes effect in a running daemon or console only when it restarts; new commands use it at once\n');
    await running.waitFor((l) => l.msg === 'daemon: setting changed; it takes effect when this daemon restarts' && l.setting === 'database.pool_size', 10_000, 'the restart warning');
  });

  it('a schedule more frequent than schedules.min_interval_seconds is refused, also as the retrieval.schedule setting', async () => {
    const before = await db.knex('jobs').whereNotNull('schedule').select('id', 'schedule');
    for (const cron of ['* * * * * *', '*/2 * * * *']) {
      const added = await cli(['schedules', 'add', '--cron', cron]);
      expect(expectOneLineError(added, 'SCHEDULE_TOO_FREQUENT', 65)).toMatch(/runs as often as every (1 second|2 minutes); schedules may run at most every 5 minutes \(setting schedules.min_interval_seconds\)/);
      const setting = await cli(['settings', 'set', 'retrieval.schedule', cron]);
      expect(expectOneLineError(setting, 'SCHEDULE_TOO_FREQUENT', 65)).toMatch(/^netraven: SCHEDULE_TOO_FREQUENT: setting retrieval.schedule ".*" runs as often as/);
    }
    expect(await stored('retrieval.schedule')).toBe('0 2 * * *');
    expect(await db.knex('jobs').whereNotNull('schedule').select('id', 'schedule')).toEqual(before);

    const every5 = await cli(['schedules', 'add', '--cron', '*/5 * * * *']);
    expect(every5.code, every5.stderr).toBe(0);
    const raise = await cli(['settings', 'set', 'schedules.min_interval_seconds', '600']);
    expect(expectOneLineError(raise, 'SCHEDULE_TOO_FREQUENT', 65)).toContain(`cannot raise schedules.min_interval_seconds to 600: schedule ${every5.stdout.trim()} "*/5 * * * *" runs as often as every 5 minutes`);
    expect(await stored('schedules.min_interval_seconds')).toBe(300);
  });

  it('a changed retrieval.schedule is followed by the leading daemon within seconds', async () => {
    const leader = daemon([]);
    await leader.waitFor(isElected, 20_000, 'leadership');
    const system = () => db.knex('jobs').whereRaw("target->>'system' = 'retrieval.schedule'").first('schedule');
    await eventually(async () => (await system())?.schedule === '0 2 * * *', 10_000, 'the system schedule');
    expect((await cli(['settings', 'set', 'retrieval.schedule', '0 4 * * *'])).code).toBe(0);
    // The periodic reload is every 30 s: only the settings notice makes this quick.
    await eventually(async () => (await system())?.schedule === '0 4 * * *', 10_000, 'the system schedule to follow the setting');
  });
});
