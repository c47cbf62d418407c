import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { deviceJobs, useDaemonFleet, versionsPerDevice } from '../../support/daemon-fleet.js';
import { isElected, isStarted, startCli, startDaemonProcess, type CliProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';

const db = useTestDatabase();
const fleet = useDaemonFleet(db, 16, { latencyMs: 60, leaseSeconds: 2, prefix: 'edge' });

/** A 6-field cron expression for one second, `secondsAhead` from now, in local time. */
function cronAt(secondsAhead: number): string {
  const at = new Date(Date.now() + secondsAhead * 1000);
  return `${at.getSeconds()} ${at.getMinutes()} ${at.getHours()} ${at.getDate()} ${at.getMonth() + 1} *`;
}

describe('done when', () => {
  it('two daemons run a scheduled sweep, survive the kill of one, and `jobs logs --follow` streams it from a third process', async () => {
    const daemons = [startDaemonProcess(db.url, ['--concurrency', '3'], fleet.env), startDaemonProcess(db.url, ['--concurrency', '3'], fleet.env)];
    await Promise.all(daemons.map((d) => d.waitFor(isStarted, 20_000, 'start')));
    await Promise.race(daemons.map((d) => d.waitFor(isElected, 10_000, 'a leader')));

    // The tick is far enough ahead that `schedules add` (a CLI process: seconds on a loaded machine) lands before it.
    const added = await runCli(['schedules', 'add', '--cron', cronAt(15), '--tag', 'fleet'], { env: fleet.env });
    expect(added.code).toBe(0);
    const scheduleId = added.stdout.trim();
    const run = await eventually(async () => Job.query().findOne({ parentJobId: scheduleId }), 60_000, 'the scheduled run');
    expect(run.scheduledFor).not.toBeNull();

    // The third process: follows the run from the start, while the daemons write it.
    const arrivals: Array<{ text: string; at: number }> = [];
    const follower: CliProcess = startCli(['jobs', 'logs', run.id, '--follow'], fleet.env);
    follower.child.stdout!.on('data', (chunk: Buffer) => {
      for (const text of chunk.toString().split('\n').filter(Boolean)) arrivals.push({ text, at: Date.now() });
    });

    // Kill whichever daemon holds running devices of the sweep (once the split is on record).
    await eventually(async () => (await db.knex('job_logs').where({ jobId: run.id }).where('message', 'like', 'split into%').first()) !== undefined, 10_000, 'the split');
    const { victim, held } = await eventually(async () => {
      for (const d of daemons) {
        const id = String(d.lines.find(isStarted)!.daemon);
        const rows = await db.knex('jobs').where({ parentJobId: run.id, status: 'running', leaseOwner: id }).pluck('id');
        if (rows.length > 0) return { victim: d, held: rows };
      }
      return undefined;
    }, 20_000, 'a daemon running devices of the sweep');
    victim.child.kill('SIGKILL');
    const survivor = daemons.find((d) => d !== victim)!;

    expect(await follower.exited).toEqual({ code: 0, signal: null });
    expect(follower.stderr()).toBe(`job ${run.id} succeeded\n`);
    expect(survivor.child.exitCode).toBeNull();

    // Every device of the sweep was retrieved and stored once; the follower printed all of it.
    const children = await deviceJobs(db.knex, run.id);
    expect(children.map((c) => c.hostname)).toEqual(fleet.hostnames);
    expect(children.every((c) => c.status === 'succeeded')).toBe(true);
    expect(Object.values(await versionsPerDevice(db.knex, fleet.hostnames))).toEqual(Array(16).fill(1));
    const printed = follower.stdout();
    for (const hostname of fleet.hostnames) expect(printed).toMatch(new RegExp(` ${hostname} done in `));
    expect(printed).toMatch(/split into 16 device jobs \(tag fleet\)/);
    expect(arrivals.at(-1)!.text).toMatch(/finished: succeeded \(16 of 16 devices retrieved, 0 failed\)$/);
    if (children.some((c) => held.includes(c.id) && c.attempts === 2)) expect(printed).toMatch(/claimed again by .* stopped renewing its lease/);

    // Lines the daemons (other processes) wrote once the follower was reading reached it live. The
    // backlog (written while the follower's process started: seconds on a loaded machine) does not
    // count. 5 s is a hang guard with 5x headroom over the 1 s target, which `npm run bench -- jobs`
    // measures.
    const stored: Array<{ message: string; createdAt: Date }> = await db.knex('job_logs')
      .whereIn('jobId', [run.id, ...children.map((c) => c.id)]).orderBy('id').select('message', 'createdAt');
    expect(arrivals).toHaveLength(stored.length);
    const reading = arrivals[0]!.at;
    const live = stored
      .map((line, i) => ({ created: new Date(line.createdAt).getTime(), arrived: arrivals[i]!.at }))
      .filter((line) => line.created > reading);
    expect(live.length).toBeGreaterThan(0);
    expect(Math.max(...live.map((line) => line.arrived - line.created))).toBeLessThan(5_000);
    await survivor.stop();
  }, 180_000);
});
