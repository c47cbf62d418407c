import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import type { SweepProgress } from '../../../src/retrieval/sweep-progress.js';
import { startSimulatedFleet, type SimulatedFleet } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, testContext } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

describe('sweeps: concurrency, progress, cancellation, targets', () => {
  const harness = new DeviceHarness();
  let fleet: SimulatedFleet;
  let ctx: RetrievalContext;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'fleet', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['fleet'] });
    // 30 ms per reply: each device takes a few hundred ms, long enough to observe concurrency and cancel.
    fleet = harness.add(await startSimulatedFleet(24, { driver: 'arista_eos', enableSecret: 'enable-pass', hostnamePrefix: 'leaf', latencyMs: 30 }));
    for (const [i, sim] of fleet.devices.entries()) await addSimulated(db.knex, sim, sim.hostname, i % 2 === 0 ? ['fleet', 'even'] : ['fleet']);
    ctx = testContext(db.knex, logins.source, { concurrency: 4 });
  });
  afterAll(() => harness.closeAll());

  it('never runs more than retrieval.concurrency devices at once and reports every one', async () => {
    const events: SweepProgress[] = [];
    const result = await runSweep(ctx, { target: { kind: 'tag', tag: 'FLEET' }, onProgress: (p) => events.push(p) });
    expect(result).toMatchObject({ status: 'succeeded', total: 24, changed: 24, failed: 0, notStarted: 0 });
    expect(events).toHaveLength(24);
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(Math.max(...events.map((e) => e.running))).toBeLessThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ total: 24, done: 24, failed: 0, changed: 24, jobId: result.jobId });
    expect(events.at(-1)!.ratePerSecond).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.last?.hostname)).size).toBe(24);
    // The slots are used: at some moment exactly 4 retrievals were in flight, never more.
    const inFlightAt = (t: number) => result.outcomes.filter((o) => o.startedAt.getTime() <= t && t < o.finishedAt.getTime()).length;
    expect(Math.max(...result.outcomes.map((o) => inFlightAt(o.startedAt.getTime())))).toBe(4);
  });

  it('an aborted signal stops starting devices; the job and the never-started children are cancelled', async () => {
    const stop = new AbortController();
    const result = await runSweep(ctx, {
      target: { kind: 'tag', tag: 'fleet' },
      signal: stop.signal,
      onProgress: (p) => {
        if (p.done === 6) stop.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    // The devices already running when the signal came finish; nothing new starts.
    expect(result.outcomes.length).toBeGreaterThanOrEqual(6);
    expect(result.outcomes.length).toBeLessThanOrEqual(6 + ctx.concurrency);
    expect(result.notStarted).toBe(24 - result.outcomes.length);
    const children = await db.knex('jobs').where({ parentJobId: result.jobId }).select('status');
    const count = (status: string) => children.filter((c: { status: string }) => c.status === status).length;
    expect(count('cancelled')).toBe(result.notStarted);
    expect(count('succeeded')).toBe(result.outcomes.length);
    expect(count('queued') + count('running')).toBe(0);
    const parent = await db.knex('jobs').where({ id: result.jobId }).first('status', 'progressDone', 'leaseOwner');
    expect(parent).toEqual({ status: 'cancelled', progressDone: result.outcomes.length, leaseOwner: null });
  });

  it('a signal aborted before the start retrieves nothing', async () => {
    const before = fleet.devices.map((d) => d.connections());
    const result = await runSweep(ctx, { target: { kind: 'all' }, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ status: 'cancelled', notStarted: 24, outcomes: [] });
    expect(fleet.devices.map((d) => d.connections())).toEqual(before);
  });

  it('an operator cancel request on the parent job (jobs.cancel_requested) stops the sweep at the next heartbeat', async () => {
    let requested = false;
    const result = await runSweep(ctx, {
      target: { kind: 'all' },
      heartbeatMs: 50,
      onProgress: (p) => {
        if (!requested && p.done >= 2) {
          requested = true;
          void db.knex('jobs').where({ id: p.jobId }).update({ cancelRequested: true }).then(() => undefined);
        }
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.notStarted).toBeGreaterThan(0);
  });

  it('the parent job shows live counts and a renewed lease while the sweep runs', async () => {
    let seen: { progressDone: number; leaseOwner: string | null } | undefined;
    await runSweep(ctx, {
      target: { kind: 'tag', tag: 'even' },
      heartbeatMs: 50,
      onProgress: (p) => {
        if (p.done === 8 && seen === undefined) {
          seen = { progressDone: -1, leaseOwner: null };
          void db.knex('jobs').where({ id: p.jobId }).first('progressDone', 'leaseOwner').then((row) => (seen = row));
        }
      },
    });
    expect(seen?.leaseOwner).toBe('test-worker');
    expect(seen?.progressDone).toBeGreaterThan(0);
  });

  it('targets: tag filter, names (also disabled devices), and what matches nothing', async () => {
    const even = await runSweep(ctx, { target: { kind: 'tag', tag: 'even' } });
    expect(even.total).toBe(12);
    await db.knex('devices').where({ hostname: 'leaf-0001' }).update({ enabled: false });
    const all = await runSweep(ctx, { target: { kind: 'all' } });
    expect(all.total).toBe(23);
    const named = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: ['LEAF-0001', 'leaf-0002'] } });
    expect(named.outcomes.map((o) => o.hostname).sort()).toEqual(['leaf-0001', 'leaf-0002']);
    await expect(runSweep(ctx, { target: { kind: 'hostnames', hostnames: ['leaf-0001', 'nope-1'] } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"nope-1"') });
    await expect(runSweep(ctx, { target: { kind: 'tag', tag: 'nobody-has-this' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.knex('devices').where({ hostname: 'leaf-0001' }).update({ enabled: true });
  });
});
