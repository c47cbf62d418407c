import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

/**
 * AireOS asks for the account inside the session ("User:"/"Password:"): a credential refused there is an
 * authentication failure like any other, so the sweep moves on to the next credential and stores the configuration.
 */
describe('in-shell login through the retrieval layer', () => {
  const harness = new DeviceHarness();
  afterAll(() => harness.closeAll());
  let outcome: Awaited<ReturnType<typeof runSweep>>['outcomes'][number];

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'stale', username: 'admin', password: 'old-pass', tags: ['wlc'], priority: 10 });
    await logins.add({ name: 'current', username: 'admin', password: 'admin-pass', tags: ['wlc'], priority: 20 });
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_wlc', hostname: 'core-sw1' }));
    await addSimulated(db.knex, sim, 'wlc-1', ['wlc']);
    const result = await runSweep(testContext(db.knex, logins.source), { target: { kind: 'all' } });
    expect(result).toMatchObject({ status: 'succeeded', changed: 1 });
    outcome = result.outcomes[0]!;
  });

  it('the refused credential is logged as an authentication failure, the next one stores the configuration', async () => {
    expect(outcome).toMatchObject({ status: 'changed', credential: 'current' });
    const device = await deviceRow(db.knex, 'wlc-1');
    const stored = await versions(db.knex, device.id as string);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content).toBe(loadTranscript('cisco_wlc').expected);
    const logs = await jobLogs(db.knex, outcome.jobId);
    expect(logs.filter((l) => l.data.step === 'auth-failed').map((l) => l.data.credential)).toEqual(['stale']);
    expect(JSON.stringify(logs)).not.toMatch(/old-pass|admin-pass/);
  });
});
