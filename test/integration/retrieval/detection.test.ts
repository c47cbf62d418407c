import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDrivers } from '../../../src/devices/drivers/registry.js';
import { addDevice } from '../../../src/retrieval/inventory/device-inventory.js';
import { runSweep, type SweepResult } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

/** "devices add x --type auto" then a retrieval, for a simulated device of every platform: the right driver is stored. */
describe('device_type auto through the retrieval layer (every driver, real sessions and database)', () => {
  const harness = new DeviceHarness();
  const sims = new Map<string, SimulatedDevice>();
  let first: SweepResult;
  let second: SweepResult;
  const hostOf = (name: string) => `auto-${name.replace(/_/g, '-')}`;
  const add = async (name: string, options: SimulatedDeviceOptions) => {
    const sim = harness.add(await startSimulatedDevice({ hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));
    sims.set(name, sim);
    await addDevice(db.knex, { hostname: hostOf(name), ipAddress: sim.host, port: sim.port, deviceType: 'auto', tags: ['lab'] }, {});
  };
  const device = (name: string) => db.knex('devices').where({ hostname: hostOf(name) }).first('id', 'deviceType', 'lastRetrievalStatus', 'lastRetrievalErrorCode', 'lastRetrievalError', 'vendor');

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    for (const driver of listDrivers()) await add(driver, { driver });
    // Bad input: ambiguous (show version refused), and a detected driver whose configuration command is refused.
    await add('ambiguous', { driver: 'cisco_ios', rejectCommands: ['show version'] });
    await add('refused-config', { driver: 'cisco_nxos', rejectCommands: ['show running-config'] });
    const ctx = testContext(db.knex, logins.source);
    first = await runSweep(ctx, { target: { kind: 'all' } });
    second = await runSweep(ctx, { target: { kind: 'all' } });
  });
  afterAll(() => harness.closeAll());

  it('every platform is retrieved; the two bad devices fail and stay auto', () => {
    const drivers = listDrivers().length;
    expect(first).toMatchObject({ total: drivers + 2, changed: drivers, failed: 2 });
    expect(second).toMatchObject({ total: drivers + 2, changed: 0, unchanged: drivers, failed: 2 });
  });

  for (const driver of listDrivers()) {
    it(`${driver}: detected, stored on the device, logged with its evidence, never detected again`, async () => {
      const row = await device(driver);
      expect(row.deviceType).toBe(driver);
      const stored = await versions(db.knex, row.id as string);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.content).toBe(loadTranscript(driver).expected);
      expect(stored[0]!.metadata).toMatchObject({ driver, detection: { driver } });
      const outcome = first.outcomes.find((o) => o.hostname === hostOf(driver))!;
      const logs = await jobLogs(db.knex, outcome.jobId);
      const detected = logs.find((l) => l.data.step === 'detected')!;
      expect(detected.message).toContain(`detected platform ${driver}: score `);
      expect(detected.data).toMatchObject({ driver });
      expect((detected.data.reasons as string[]).length).toBeGreaterThan(0);
      expect(logs.map((l) => l.data.step)).toContain('device-type');
      const again = second.outcomes.find((o) => o.hostname === hostOf(driver))!;
      expect((await jobLogs(db.knex, again.jobId)).map((l) => l.data.step)).not.toContain('detected');
      // One login to detect and one to retrieve, then one for the second sweep.
      expect(sims.get(driver)!.connections()).toBe(3);
    });
  }

  it('ambiguous: DRIVER_UNDETECTED naming the candidates, device_type stays auto, nothing stored', async () => {
    const row = await device('ambiguous');
    expect(row).toMatchObject({ deviceType: 'auto', lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'DRIVER_UNDETECTED' });
    expect(row.lastRetrievalError).toContain('cisco_ios');
    expect(await versions(db.knex, row.id as string)).toHaveLength(0);
  });

  it('a detected driver whose retrieval fails is not stored: the next retrieval detects again', async () => {
    const row = await device('refused-config');
    expect(row).toMatchObject({ deviceType: 'auto', lastRetrievalErrorCode: 'COMMAND_REJECTED' });
    expect(await versions(db.knex, row.id as string)).toHaveLength(0);
    const again = second.outcomes.find((o) => o.hostname === hostOf('refused-config'))!;
    expect((await jobLogs(db.knex, again.jobId)).map((l) => l.data.step)).toContain('detected');
  });
});
