import { describe, expect, it } from 'vitest';
import { getJob } from '../../../src/jobs/job-queue.js';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { deviceJobs, useDaemonFleet, versionsPerDevice } from '../../support/daemon-fleet.js';
import { isStarted, startDaemonProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';

const db = useTestDatabase();
// 60 ms per reply: a device takes about half a second, so the kill lands mid-retrieval.
const fleet = useDaemonFleet(db, 16, { latencyMs: 60, leaseSeconds: 2 });

describe('a sweep interrupted', () => {
  it('the other daemon finishes the sweep after the lease expires: every device retrieved, no version stored twice', async () => {
    const victim = startDaemonProcess(db.url, ['--concurrency', '3'], fleet.env);
    const survivor = startDaemonProcess(db.url, ['--concurrency', '3'], fleet.env);
    await Promise.all([victim, survivor].map((d) => d.waitFor(isStarted, 20_000, 'start')));
    const victimId = String((await victim.waitFor(isStarted)).daemon);

    const sweepId = (await runCli(['retrieve', '--all'], { env: fleet.env })).stdout.trim();
    // Kill it while it holds device jobs that are still running.
    const held = await eventually(async () => {
      const rows = await db.knex('jobs').where({ parentJobId: sweepId, status: 'running', leaseOwner: victimId }).pluck('id');
      return rows.length > 0 ? rows : undefined;
    }, 20_000, 'the victim running a device');
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const sweep = await eventually(async () => {
      const job = await getJob(db.knex, sweepId);
      return job.status === 'running' ? undefined : job;
    }, 60_000, 'the sweep to finish');
    expect(sweep).toMatchObject({ status: 'succeeded', progressTotal: 16, progressDone: 16, progressFailed: 0 });

    const children = await deviceJobs(db.knex, sweepId);
    expect(children.map((c) => c.hostname)).toEqual(fleet.hostnames);
    expect(children.every((c) => c.status === 'succeeded')).toBe(true);
    // Each device has exactly one stored version, however many times it was retrieved.
    expect(await versionsPerDevice(db.knex, fleet.hostnames)).toEqual(Object.fromEntries(fleet.hostnames.map((h) => [h, 1])));

    // The jobs the victim held were taken over once its lease expired, and their logs say so.
    const retried = children.filter((c) => held.includes(c.id));
    expect(retried.length).toBeGreaterThan(0);
    for (const child of retried) {
      const messages: string[] = await db.knex('job_logs').where({ jobId: child.id }).orderBy('id').pluck('message');
      const takeover = messages.find((m) => m.startsWith('claimed again by '));
      // A device the victim recorded just before it died needs no second run.
      if (child.attempts === 1) continue;
      expect(child.attempts).toBe(2);
      expect(takeover).toMatch(new RegExp(`attempt 2 of 3\\): ${victimId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} stopped renewing its lease`));
      expect(messages.at(-1)).toMatch(/ done in /);
    }
    expect(retried.some((c) => c.attempts === 2)).toBe(true);
    await survivor.stop();
  });

  it('`jobs cancel` from the CLI stops a running sweep at its next device and marks it cancelled', async () => {
    const daemon = startDaemonProcess(db.url, ['--concurrency', '1'], fleet.env);
    await daemon.waitFor(isStarted, 20_000, 'start');
    const sweepId = (await runCli(['retrieve', '--all'], { env: fleet.env })).stdout.trim();
    await eventually(async () => (await deviceJobs(db.knex, sweepId)).some((c) => c.status === 'succeeded'), 30_000, 'a first device');
    const cancel = await runCli(['jobs', 'cancel', sweepId], { env: fleet.env });
    expect(cancel.stdout).toMatch(new RegExp(`^cancel requested for job ${sweepId}: it stops at its next device; \\d+ queued device jobs cancelled\\n$`));
    const ended = await eventually(async () => {
      const job = await getJob(db.knex, sweepId);
      return job.status === 'running' ? undefined : job;
    }, 20_000, 'the sweep to end');
    expect(ended).toMatchObject({ status: 'cancelled' });
    const children = await deviceJobs(db.knex, sweepId);
    const retrieved = children.filter((c) => c.status === 'succeeded').length;
    expect(retrieved).toBeGreaterThanOrEqual(1);
    expect(retrieved).toBeLessThan(16);
    expect(children.filter((c) => c.status === 'cancelled')).toHaveLength(16 - retrieved);
    expect((await runCli(['jobs', 'show', sweepId], { env: fleet.env })).stdout).toMatch(/status {8}cancelled/);
    await daemon.stop();
  });
});
