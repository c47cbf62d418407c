import { describe, expect, it } from 'vitest';
import { enqueueJob, getJob } from '../../../src/jobs/job-queue.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { isElected, isStarted, startDaemonProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';

const db = useTestDatabase();

describe('netraven daemon', () => {
  it('runs headless with JSON logs, passes --check while it runs, and stops gracefully on SIGTERM', async () => {
    const env = { DATABASE_URL: db.url };
    expectOneLineError(await runCli(['daemon', '--check'], { env }), 'DAEMON_UNHEALTHY', 69);

    const daemon = startDaemonProcess(db.url, ['--concurrency', '3']);
    const started = await daemon.waitFor(isStarted, 20_000, 'daemon started');
    expect(started).toMatchObject({ level: 'info', concurrency: 3, kinds: expect.arrayContaining(['purge']) });
    await daemon.waitFor(isElected, 10_000, 'leadership');

    const check = await runCli(['daemon', '--check'], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(new RegExp(`^healthy: daemon pid ${daemon.pid} on `));
    const json = JSON.parse((await runCli(['daemon', '--check', '--json'], { env })).stdout);
    expect(json.local[0]).toMatchObject({ pid: daemon.pid, heartbeatAgeSeconds: expect.any(Number) });

    const job = await enqueueJob(db.knex, { kind: 'purge' });
    await eventually(async () => (await getJob(db.knex, job.id)).status === 'succeeded', 10_000, 'the purge job');
    const finished = await daemon.waitFor((l) => l.msg === 'worker: job finished' && l.jobId === job.id, 5_000, 'finished line');
    expect(finished.daemon).toMatch(/:\d+:[0-9a-f]{4}$/);

    expect(await daemon.stop()).toEqual({ code: 0, signal: null });
    expect(daemon.lines.at(-1)).toMatchObject({ msg: 'daemon: stopped', released: 0 });
    // Every stdout line is one JSON object; no connection string or password in any of them.
    expect(daemon.lines.every((l) => l.level !== 'text')).toBe(true);
    expect(daemon.stdout()).not.toContain(new URL(db.url).password);
    expect(daemon.stderr()).toBe('');
    expectOneLineError(await runCli(['daemon', '--check'], { env }), 'DAEMON_UNHEALTHY', 69);
  });

  it('--check says the database is unreachable when it is', async () => {
    const result = await runCli(['daemon', '--check'], { env: { DATABASE_URL: 'postgres://u:secret-pw@127.0.0.1:1/x' } });
    expect(expectOneLineError(result, 'DATABASE_UNREACHABLE', 69)).not.toContain('secret-pw');
  });

  it('refuses settings out of range, and will not start on a bad stored one', async () => {
    const env = { DATABASE_URL: db.url };
    const refused = await runCli(['settings', 'set', 'jobs.lease_seconds', '1'], { env });
    expect(expectOneLineError(refused, 'SETTINGS_INVALID', 65)).toContain('jobs.lease_seconds');
    expect((await runCli(['settings', 'set', 'jobs.max_attempts', '21'], { env })).code).toBe(65);
    expect((await runCli(['settings', 'set', 'logs.flush_ms', 'soon'], { env })).code).toBe(65);
    expect((await runCli(['settings', 'set', 'retention.purge_schedule', '0 0 32 * *'], { env })).code).toBe(65);

    // Written behind NetRaven's back: the daemon refuses to run on it rather than guess.
    await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).update({ value: JSON.stringify(0) });
    try {
      const daemon = startDaemonProcess(db.url);
      const exit = await daemon.exited;
      expect(exit.code).toBe(65);
      expect(daemon.stderr()).toMatch(/^netraven: SETTINGS_INVALID: setting jobs\.max_attempts: /);
    } finally {
      await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).update({ value: JSON.stringify(3) });
    }
  });
});
