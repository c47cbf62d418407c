import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '../../../src/retrieval/sweep.js';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { startSimulatedDevice, type SimulatedDeviceOptions } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

describe('what a stored configuration must be, through the retrieval layer', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let ctx: RetrievalContext;
  let n = 0;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    ctx = testContext(db.knex, logins.source);
  });

  async function sweepOne(hostname: string) {
    const result = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    return result.outcomes[0]!;
  }

  /** A device retrieved once from its good transcript, then pointed at `bad` (same driver and host key). */
  async function goodThenBad(driver: string, bad: Partial<SimulatedDeviceOptions>) {
    const hostname = `content-${(n += 1)}`;
    const good = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const device = await addSimulated(db.knex, good, hostname);
    expect((await sweepOne(hostname)).status).toBe('changed');
    const [stored] = await versions(db.knex, device.id);
    const broken = harness.add(await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass', ...bad }));
    await db.knex('devices').where({ id: device.id }).update({ port: broken.port });
    return { hostname, device, stored: stored!, broken };
  }

  for (const [name, driver, bad] of [
    ['a VyOS account whose login shell is bash ("-bash: show: command not found")', 'vyos', { transcript: 'bash-account' }],
    ['an ASA answering "more system:running-config" with an error text its driver does not know', 'cisco_asa', { transcript: 'more-error' }],
  ] as const) {
    it(`CONFIG_NOT_RECOGNISED: ${name}; nothing stored, the previous version stays the latest`, async () => {
      const { hostname, device, stored, broken } = await goodThenBad(driver, bad);
      const outcome = await sweepOne(hostname);
      expect(broken.connections()).toBe(1);
      expect(outcome).toMatchObject({ status: 'failed', errorCode: 'CONFIG_NOT_RECOGNISED', configurationId: null });
      expect(outcome.error).toContain('previous version stays the latest');
      const after = await versions(db.knex, device.id);
      expect(after).toHaveLength(1);
      expect(after[0]).toEqual(stored);
      expect(await deviceRow(db.knex, hostname)).toMatchObject({ lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'CONFIG_NOT_RECOGNISED' });
      const steps = (await jobLogs(db.knex, outcome.jobId)).map((l) => l.data.step);
      expect(steps).toContain('failed');
      expect(steps).not.toContain('stored');
    });
  }

  it('a rejected info command is a warning in the job log; the configuration is stored (shell)', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_nxos', hostname: 'core-sw1', rejectCommands: ['show version'] }));
    const device = await addSimulated(db.knex, sim, `content-${(n += 1)}`);
    const outcome = await sweepOne(device.hostname);
    expect(outcome.status).toBe('changed');
    const [stored] = await versions(db.knex, device.id);
    expect(stored!.content).toMatch(/^version 9\.3\(12\)/m);
    expect(stored!.content).not.toContain('Nexus Operating System');
    expect(stored!.metadata.commands).toEqual(['show running-config']);
    const logs = await jobLogs(db.knex, outcome.jobId);
    const warning = logs.find((l) => l.data.step === 'warning')!;
    expect(warning).toMatchObject({ level: 'warn', data: { code: 'INFO_COMMAND_REJECTED', command: 'show version' } });
    expect(warning.message).toContain("% Invalid command at '^' marker.");
    expect(logs.map((l) => l.data.step).slice(-2)).toEqual(['stored', 'done']);
    expect(await deviceRow(db.knex, device.hostname)).toMatchObject({ vendor: 'Cisco', model: null, serial: null, lastRetrievalStatus: 'changed' });
  });

  it('a rejected info command is a warning over exec too (non-zero exit status)', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'linux', hostname: 'core-sw1', rejectCommands: ['cat /etc/os-release'] }));
    const device = await addSimulated(db.knex, sim, `content-${(n += 1)}`);
    const outcome = await sweepOne(device.hostname);
    expect(outcome.status).toBe('changed');
    const warning = (await jobLogs(db.knex, outcome.jobId)).find((l) => l.data.step === 'warning')!;
    expect(warning.data).toMatchObject({ code: 'INFO_COMMAND_REJECTED', command: 'cat /etc/os-release' });
    expect(warning.message).toContain('exit status 127');
    expect((await versions(db.knex, device.id))[0]!.content).toContain('==> /etc/hosts <==');
  });

  it('ASA: the stored configuration carries the keys "show running-config" masks as *****', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_asa', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const device = await addSimulated(db.knex, sim, `content-${(n += 1)}`);
    expect((await sweepOne(device.hostname)).status).toBe('changed');
    const [stored] = await versions(db.knex, device.id);
    expect(stored!.content).toContain(' ikev1 pre-shared-key l2lSecret!');
    expect(stored!.content).toContain(' key tacacsKey123');
    expect(stored!.content).not.toContain('*****');
    expect(stored!.metadata.commands).toEqual(['show version', 'more system:running-config']);
  });

  it('ASA: an account that may not run "more system:running-config" fails, it never falls back to the masked form', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_asa', hostname: 'core-sw1', enableSecret: 'enable-pass', rejectCommands: ['more system:running-config'] }));
    const device = await addSimulated(db.knex, sim, `content-${(n += 1)}`);
    expect(await sweepOne(device.hostname)).toMatchObject({ status: 'failed', errorCode: 'COMMAND_REJECTED' });
    expect(await versions(db.knex, device.id)).toHaveLength(0);
  });

  it('Junos read-only class: "display omit" refused, plain "show configuration" stored with a CONFIG_INCOMPLETE warning', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'juniper_junos', transcript: 'read-only-class', hostname: 'core-sw1' }));
    const device = await addSimulated(db.knex, sim, `content-${(n += 1)}`);
    const outcome = await sweepOne(device.hostname);
    expect(outcome.status).toBe('changed');
    const [stored] = await versions(db.knex, device.id);
    expect(stored!.metadata.commands).toEqual(['show version', 'show chassis hardware', 'show configuration']);
    expect(stored!.content).toContain('encrypted-password /* SECRET-DATA */; ## SECRET-DATA');
    const warning = (await jobLogs(db.knex, outcome.jobId)).find((l) => l.data.step === 'warning')!;
    expect(warning).toMatchObject({ level: 'warn', data: { code: 'CONFIG_INCOMPLETE', command: 'show configuration' } });
    expect(warning.message).toContain('"secret" permission');
  });
});
