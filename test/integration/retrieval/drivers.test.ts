import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { runSweep, type SweepResult } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

describe('every driver through the retrieval layer', () => {
  const harness = new DeviceHarness();
  const sims = new Map<string, SimulatedDevice>();
  let first: SweepResult;
  let second: SweepResult;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    for (const driver of listDrivers()) {
      const sim = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' }));
      sims.set(driver, sim);
      await addSimulated(db.knex, sim, `dev-${driver.replace(/_/g, '-')}`);
    }
    const ctx = testContext(db.knex, logins.source);
    first = await runSweep(ctx, { target: { kind: 'all' } });
    second = await runSweep(ctx, { target: { kind: 'all' } });
  });
  afterAll(() => harness.closeAll());

  it('the first sweep stores a version of every device, the second stores none', async () => {
    const total = listDrivers().length;
    expect(first).toMatchObject({ status: 'succeeded', total, changed: total, unchanged: 0, failed: 0 });
    expect(second).toMatchObject({ status: 'succeeded', total, changed: 0, unchanged: total, failed: 0 });
    const counted = await db.knex('device_configurations').count('* as count');
    expect(Number(counted[0]!.count)).toBe(total);
  });

  for (const driver of listDrivers()) {
    it(`${driver}: stored content, facts, host key, child jobs and logs`, async () => {
      const hostname = `dev-${driver.replace(/_/g, '-')}`;
      const device = await deviceRow(db.knex, hostname);
      const stored = await versions(db.knex, device.id as string);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.content).toBe(loadTranscript(driver).expected);
      expect(stored[0]!.sizeBytes).toBe(Buffer.byteLength(stored[0]!.content));
      expect(stored[0]!.metadata).toMatchObject({ driver, credential: 'lab-admin' });
      expect(JSON.stringify(stored[0]!.metadata)).not.toMatch(/admin-pass|enable-pass/);
      expect(device.lastRetrievalStatus).toBe('unchanged');
      expect(device.hostKeyFingerprint).toBe(sims.get(driver)!.hostKeyFingerprint);
      expect(device.vendor).toBeTruthy();
      expect(device.osVersion).toBeTruthy();
      // Every fact the driver declares is found in its transcript and stored on the device.
      for (const fact of getDriver(driver).facts) expect(device[fact.fact], fact.fact).toBeTruthy();

      const firstOutcome = first.outcomes.find((o) => o.hostname === hostname)!;
      expect(firstOutcome).toMatchObject({ status: 'changed', configurationId: stored[0]!.id, credential: 'lab-admin' });
      expect(stored[0]!.jobId).toBe(firstOutcome.jobId);
      const child = await db.knex('jobs').where({ id: firstOutcome.jobId }).first('status', 'parentJobId', 'deviceId', 'finishedAt');
      expect(child).toMatchObject({ status: 'succeeded', parentJobId: first.jobId, deviceId: device.id });

      const logs = await jobLogs(db.knex, firstOutcome.jobId);
      const steps = logs.map((l) => l.data.step);
      expect(steps[0]).toBe('connect');
      expect(steps).toContain('authenticated');
      expect(steps).toContain('command');
      expect(steps.slice(-2)).toEqual(['stored', 'done']);
      expect(logs.every((l) => l.deviceId === device.id)).toBe(true);
      expect(logs.find((l) => l.data.step === 'authenticated')!.message).toContain('credential "lab-admin"');
      expect(JSON.stringify(logs)).not.toMatch(/admin-pass|enable-pass/);
      const again = second.outcomes.find((o) => o.hostname === hostname)!;
      expect((await jobLogs(db.knex, again.jobId)).map((l) => l.data.step).slice(-2)).toEqual(['unchanged', 'done']);
    });
  }

  it('the parent jobs carry the totals and their own start and finish lines', async () => {
    const total = listDrivers().length;
    const parent = await db.knex('jobs').where({ id: first.jobId }).first('status', 'progressTotal', 'progressDone', 'progressFailed', 'leaseOwner', 'finishedAt');
    expect(parent).toMatchObject({ status: 'succeeded', progressTotal: total, progressDone: total, progressFailed: 0, leaseOwner: null });
    expect(parent.finishedAt).toBeInstanceOf(Date);
    const steps = (await jobLogs(db.knex, first.jobId)).map((l) => l.data.step);
    expect(steps).toEqual(['sweep-started', 'sweep-finished']);
  });
});
