import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDriver, listDrivers } from '../../../src/devices/drivers/registry.js';
import { runSweep, type SweepResult } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { fillPlaceholders } from '../../support/device-simulator/reply-render.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

// Each driver's "volatile" transcript carries every line its platform documents as changing without a
// configuration change ({time} and {counter} differ on every retrieval), plus its blocks. A driver that
// declares no volatile rule (Linux files, TNSR's database) has identical retrievals.
const declaresVolatile = (name: string): boolean => {
  const driver = getDriver(name);
  return driver.volatileLines.length > 0 || (driver.volatileRewrites ?? []).length > 0 || (driver.blocks ?? []).some((b) => b.kind === 'volatile');
};

/** True when retrieval 1 and 2 of the transcript differ somewhere, so one stored version means something. */
function retrievalsDiffer(driver: string): boolean {
  const transcript = loadTranscript(driver, 'volatile');
  const texts = [transcript.prompt, ...[...transcript.replies.values()].map((reply) => reply.text)];
  const render = (retrieval: number) => texts.map((text) => fillPlaceholders(text, { hostname: 'h', username: 'u', retrieval, changingTimestamp: true }));
  return render(1).join('\n') !== render(2).join('\n');
}

describe('two retrievals that differ only in volatile content store one version (every driver, real session and database)', () => {
  const harness = new DeviceHarness();
  const sims = new Map<string, SimulatedDevice>();
  let first: SweepResult;
  let second: SweepResult;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    for (const driver of listDrivers()) {
      const sim = harness.add(await startSimulatedDevice({ driver, transcript: 'volatile', hostname: 'core-sw1', enableSecret: 'enable-pass', changingTimestamp: true }));
      sims.set(driver, sim);
      await addSimulated(db.knex, sim, `vol-${driver.replace(/_/g, '-')}`);
    }
    const ctx = testContext(db.knex, logins.source);
    first = await runSweep(ctx, { target: { kind: 'all' } });
    second = await runSweep(ctx, { target: { kind: 'all' } });
  });
  afterAll(() => harness.closeAll());

  it('the first sweep stores one version per driver, the second none', () => {
    const total = listDrivers().length;
    expect(first).toMatchObject({ status: 'succeeded', total, changed: total, failed: 0 });
    expect(second).toMatchObject({ status: 'succeeded', total, changed: 0, unchanged: total, failed: 0 });
  });

  for (const driver of listDrivers()) {
    it(`${driver}: one version, equal to the reviewed expected configuration`, async () => {
      expect(retrievalsDiffer(driver)).toBe(declaresVolatile(driver));
      expect(sims.get(driver)!.connections()).toBe(2);
      const device = await deviceRow(db.knex, `vol-${driver.replace(/_/g, '-')}`);
      const stored = await versions(db.knex, device.id as string);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.content).toBe(loadTranscript(driver, 'volatile').expected);
      expect(device.lastRetrievalStatus).toBe('unchanged');
    });
  }
});
