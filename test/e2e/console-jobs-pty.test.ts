import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getJob } from '../../src/jobs/job-queue.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { deviceJobs, useDaemonFleet } from '../support/daemon-fleet.js';
import { isStarted, startDaemonProcess } from '../support/daemon-process.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty, type PtyConsole } from '../support/pty-terminal.js';

/**
 * The jobs and log screens as an operator uses them: the real binary in a pseudo-terminal
 * (read through a headless xterm), while a real daemon process runs a sweep of simulated devices.
 */
describe('console: tail a log another process writes, cancel a running job (end to end)', { timeout: 180_000 }, () => {
  const db = useTestDatabase();
  const fleet = useDaemonFleet(db, 8, { latencyMs: 250, prefix: 'pty' });
  const home = tempDir('netraven-console-jobs-e2e-');
  const env = () => ({ ...fleet.env, NETRAVEN_HOME: home });

  async function openJobs(): Promise<PtyConsole> {
    fs.mkdirSync(home, { recursive: true });
    const term = spawnInPty(['console'], env());
    await term.waitFor('Recent failures');
    await term.jump('jobs');
    return term;
  }

  async function queue(): Promise<string> {
    const queued = await runCli(['retrieve', '--tag', 'fleet', '--queue'], { env: fleet.env });
    expect(queued.code).toBe(0);
    return queued.stdout.trim();
  }

  it("the log of a sweep shows its devices' lines as a daemon process writes them, until the end", async () => {
    const sweepId = await queue();
    const term = await openJobs();
    await term.waitFor(/retrieval tag fleet +queued/);
    term.send('\r');
    await term.waitFor((s) => s.includes('│ log │') && s.includes('no lines yet'));
    const daemon = startDaemonProcess(db.url, ['--concurrency', '4'], fleet.env);
    await daemon.waitFor(isStarted, 30_000, 'start');
    // The first device line in the database, then on the screen: within a hang guard (the 1 s target is the benchmark's).
    const first = await eventually(
      async () => (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ parentJobId: sweepId })).orderBy('id').first('message')) as { message: string } | undefined,
      30_000,
      'a device line',
    );
    const seenAt = Date.now();
    await term.waitFor(first.message.replace(/^pty-\d+: /, '').slice(0, 20), 5_000);
    expect(Date.now() - seenAt).toBeLessThan(5_000);
    const screen = await term.waitFor('end of log (job succeeded)', 60_000);
    expect(screen).toMatch(/^retrieval "tag fleet" · succeeded 8\/8/m);
    expect(screen).toMatch(/ pty-000\d /);
    const { n } = (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ id: sweepId }).orWhere({ parentJobId: sweepId })).count('* as n').first()) as { n: string };
    expect(screen).toContain(`end of log (job succeeded) · ${n} lines`);
    term.send('q');
    await term.waitFor(/│ jobs │/);
    term.send('q');
    await term.waitFor('Recent failures');
    term.send('q');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    await daemon.stop();
  });

  it('c on a sweep a daemon is running asks, and y cancels it: the daemon stops at its next device', async () => {
    // One device at a time, about 2.5 s each: the sweep runs for a while.
    const term = await openJobs();
    const daemon = startDaemonProcess(db.url, ['--concurrency', '1'], fleet.env);
    await daemon.waitFor(isStarted, 30_000, 'start');
    const sweepId = await queue();
    await eventually(async () => (await deviceJobs(db.knex, sweepId)).some((c) => c.status === 'succeeded'), 60_000, 'one device done');
    await term.waitFor(/retrieval tag fleet +running +[1-7]\/8/, 10_000);
    // The highlight stayed on the job it was on when the new one arrived: g goes to the newest.
    term.send('g');
    term.send('c');
    const question = await term.waitFor('Cancel retrieval "tag fleet"');
    expect(question).toMatch(/Cancel retrieval "tag fleet" \(running \d\/8, by .+\)\?/);
    term.send('y');
    await term.waitFor(/cancelling retrieval "tag fleet"|retrieval "tag fleet" cancelled/);
    const job = await eventually(async () => {
      const row = await getJob(db.knex, sweepId);
      return row.status === 'cancelled' ? row : undefined;
    }, 60_000, 'the sweep to end cancelled');
    expect(job.progressDone).toBeLessThan(8);
    const children = await deviceJobs(db.knex, sweepId);
    expect(children.filter((c) => c.status === 'cancelled').length).toBeGreaterThan(0);
    await term.waitFor(/retrieval tag fleet +cancelled/, 10_000);
    term.send('\x03');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    await daemon.stop();
  });
});
