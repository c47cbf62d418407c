import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { loadDialogue, loadTranscript, startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

/** Bad dialogue input end to end: a clean complete configuration, or a failed device whose previous version stays the latest. */
describe('device dialogue through retrieval (database + simulator)', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let ctx: RetrievalContext;
  let logins: TestLogins;
  let n = 0;

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    ctx = testContext(db.knex, logins.source, { limits: { connectTimeoutMs: 5_000, loginTimeoutMs: 1_500, idleTimeoutMs: 1_000, overallTimeoutMs: 20_000, maxOutputBytes: 64 * 1024 * 1024 } });
  });

  /** Retrieves a healthy device once, then the same device (same address in the inventory) behaving as options say. */
  async function goodThenBad(driver: string, options: Partial<SimulatedDeviceOptions>) {
    const good = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const hostname = `dialogue-${++n}`;
    const device = await addSimulated(db.knex, good, hostname);
    const first = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    expect(first.outcomes[0]!.status).toBe('changed');
    const bad = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass', ...options }));
    await db.knex('devices').where({ id: device.id }).update({ port: bad.port });
    const second = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    return { device, outcome: second.outcomes[0]!, stored: await versions(db.knex, device.id), row: await deviceRow(db.knex, hostname) };
  }

  const failures: [string, string, Partial<SimulatedDeviceOptions>][] = [
    ['QUESTION_UNANSWERED', 'cisco_ios', loadDialogue('cisco_ios', 'unknown-question')],
    ['PASSWORD_EXPIRED', 'fortinet_fortios', loadDialogue('fortinet_fortios', 'forced-password-change')],
    ['COMMAND_NOT_ECHOED', 'cisco_nxos', { noEcho: true }],
    ['QUESTION_UNANSWERED', 'cisco_ios', { pagerEveryLines: 7, pagerStyle: { prompt: '[Hit SPACE for more, Q to stop]', erase: '' } }],
  ];
  for (const [code, driver, options] of failures) {
    it(`${driver}: ${code} fails the device with that code and the previous version stays the latest`, async () => {
      const { outcome, stored, row } = await goodThenBad(driver, options);
      expect(outcome).toMatchObject({ status: 'failed', errorCode: code, configurationId: null });
      expect(row).toMatchObject({ lastRetrievalStatus: 'failed', lastRetrievalErrorCode: code });
      expect(stored).toHaveLength(1);
      expect(stored[0]!.content).toBe(loadTranscript(driver).expected);
    });
  }

  it('a banner ending with a prompt-like line stores no new version: the same configuration comes back', async () => {
    const { outcome, stored } = await goodThenBad('cisco_ios', loadDialogue('cisco_ios', 'banner-prompt-trap'));
    expect(outcome.status).toBe('unchanged');
    expect(stored).toHaveLength(1);
  });

  it('a FortiGate with a post-login banner and a VyOS paging through less store their complete configuration', async () => {
    for (const [driver, dialogue] of [['fortinet_fortios', 'post-login-banner'], ['vyos', 'less-pager']] as const) {
      const options = loadDialogue(driver, dialogue) as Partial<SimulatedDeviceOptions>;
      const { outcome, stored } = await goodThenBad(driver, { ...options, configBytes: undefined });
      expect(outcome.status).toBe('unchanged');
      expect(stored).toHaveLength(1);
    }
  });
});
