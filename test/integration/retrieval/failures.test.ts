import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { retrieveDeviceForJob } from '../../../src/retrieval/retrieve-device.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { addDevice } from '../../../src/retrieval/inventory/device-inventory.js';
import { startSimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';
import { closedPort } from '../../support/ports.js';

const db = useTestDatabase();


describe('failure classes through the retrieval layer', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let logins: TestLogins;
  let ctx: RetrievalContext;
  let n = 0;

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    await logins.add({ name: 'first', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'], priority: 10 });
    await logins.add({ name: 'second', username: 'other', password: 'other-pass', tags: ['lab'], priority: 20 });
    ctx = testContext(db.knex, logins.source);
  });

  /** Sweeps one device and checks what every failure must leave behind; returns the outcome and logs. */
  async function expectFailed(hostname: string, code: string, context: RetrievalContext = ctx) {
    const result = await runSweep(context, { target: { kind: 'hostnames', hostnames: [hostname] } });
    expect(result).toMatchObject({ status: 'failed', failed: 1, failuresByCode: { [code]: 1 } });
    const outcome = result.outcomes[0]!;
    expect(outcome).toMatchObject({ status: 'failed', errorCode: code, configurationId: null });
    const device = await deviceRow(db.knex, hostname);
    expect(device).toMatchObject({ lastRetrievalStatus: 'failed', lastRetrievalErrorCode: code, lastRetrievalError: outcome.error });
    expect(device.lastRetrievalAt).toBeInstanceOf(Date);
    expect(await versions(db.knex, device.id as string)).toHaveLength(0);
    const child = await db.knex('jobs').where({ id: outcome.jobId }).first('status', 'errorCode', 'error');
    expect(child).toMatchObject({ status: 'failed', errorCode: code });
    const parent = await db.knex('jobs').where({ id: result.jobId }).first('status', 'errorCode', 'progressFailed');
    expect(parent).toMatchObject({ status: 'failed', errorCode: code, progressFailed: 1 });
    const logs = await jobLogs(db.knex, outcome.jobId);
    expect(logs.at(-1)).toMatchObject({ level: 'error', data: { step: 'failed', code } });
    expect(JSON.stringify(logs)).not.toMatch(/admin-pass|enable-pass|other-pass/);
    return { outcome, logs, device };
  }

  it('UNREACHABLE: nothing listens; the second credential is never tried', async () => {
    const port = await closedPort();
    await addDevice(db.knex, { hostname: 'gone', ipAddress: '127.0.0.1', port, deviceType: 'cisco_ios', tags: ['lab'] });
    const { outcome, logs } = await expectFailed('gone', 'UNREACHABLE');
    expect(outcome.error).toMatch(/refused/);
    expect(logs.filter((l) => l.data.step === 'connect')).toHaveLength(1);
    // A network failure is not an authentication outcome: no credential's counters move.
    const counted = await db.knex('credentials').sum('successCount as ok').sum('failureCount as failed').first();
    expect(counted).toEqual({ ok: '0', failed: '0' });
  });

  it('TIMEOUT: the device accepts the login and never sends a prompt', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hangAfterLogin: true }));
    await addSimulated(db.knex, sim, `hang-${++n}`);
    const { outcome, device } = await expectFailed(`hang-${n}`, 'TIMEOUT', testContext(db.knex, logins.source, { limits: { ...ctx.limits, loginTimeoutMs: 1_000 } }));
    expect(outcome.error).toContain('sent nothing within 1 s');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(900);
    // Authenticated before hanging: the host key is trusted from this first use on.
    expect(device.hostKeyFingerprint).toBe(sim.hostKeyFingerprint);
  });

  it('AUTH_FAILED: every credential refused, each tried in order and named', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', users: [{ username: 'nobody-we-know', password: 'x' }] }));
    await addSimulated(db.knex, sim, 'locked');
    const { outcome, logs } = await expectFailed('locked', 'AUTH_FAILED');
    expect(outcome.error).toContain('"first", "second"');
    expect(logs.filter((l) => l.data.step === 'auth-failed').map((l) => l.data.credential)).toEqual(['first', 'second']);
    expect(sim.connections()).toBe(2);
  });

  it('AUTH_FAILED at the enable step moves on to the next credential too', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'not-what-anyone-has', users: [{ username: 'admin', password: 'admin-pass' }, { username: 'other', password: 'other-pass' }] }));
    await addSimulated(db.knex, sim, 'enable-locked');
    const { logs } = await expectFailed('enable-locked', 'AUTH_FAILED');
    expect(logs.filter((l) => l.data.step === 'auth-failed').map((l) => l.data.stage)).toEqual(['enable', 'enable']);
  });

  it('HOST_KEY_MISMATCH: no credential is sent, the stored fingerprint is kept', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', alternateHostKey: true }));
    await addSimulated(db.knex, sim, 'impostor');
    const pinned = `SHA256:${'B'.repeat(43)}`;
    await db.knex('devices').where({ hostname: 'impostor' }).update({ hostKeyFingerprint: pinned });
    const { outcome, device } = await expectFailed('impostor', 'HOST_KEY_MISMATCH');
    expect(outcome.error).toContain(sim.hostKeyFingerprint);
    expect(device.hostKeyFingerprint).toBe(pinned);
    expect(sim.authAttempts()).toBe(0);
  });

  it('PROMPT_NOT_FOUND: the device_type does not match the device', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'juniper_junos' }));
    await addDevice(db.knex, { hostname: 'wrong-type', ipAddress: sim.host, port: sim.port, deviceType: 'fortinet_fortios', tags: ['lab'] });
    const { outcome } = await expectFailed('wrong-type', 'PROMPT_NOT_FOUND', testContext(db.knex, logins.source, { limits: { ...ctx.limits, loginTimeoutMs: 1_000 } }));
    expect(outcome.error).toContain('fortinet_fortios');
  });

  it('COMMAND_REJECTED: names the refused command', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', rejectCommands: ['show running-config'] }));
    await addSimulated(db.knex, sim, 'rejecting');
    const { outcome } = await expectFailed('rejecting', 'COMMAND_REJECTED');
    expect(outcome.error).toContain('show running-config');
    expect(outcome.credential).toBe('first');
  });

  it('OUTPUT_TOO_LARGE: the configuration exceeds retrieval.max_output_bytes', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', configBytes: 400_000 }));
    await addSimulated(db.knex, sim, 'huge');
    await expectFailed('huge', 'OUTPUT_TOO_LARGE', testContext(db.knex, logins.source, { limits: { ...ctx.limits, maxOutputBytes: 100_000 } }));
  });

  it('CREDENTIAL_NOT_FOUND: no credential shares a tag with the device; nothing connects', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    await addSimulated(db.knex, sim, 'untagged', ['elsewhere']);
    const { outcome } = await expectFailed('untagged', 'CREDENTIAL_NOT_FOUND');
    expect(outcome.error).toContain('--tag');
    expect(sim.connections()).toBe(0);
  });

  it('INPUT_INVALID: bad ssh_options are reported on the device, nothing connects', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    await addSimulated(db.knex, sim, 'bad-options');
    await db.knex('devices').where({ hostname: 'bad-options' }).update({ sshOptions: { algorithms: { kex: 'not-a-list' } } });
    const { outcome } = await expectFailed('bad-options', 'INPUT_INVALID');
    expect(outcome.error).toContain('ssh_options.algorithms.kex');
    expect(sim.connections()).toBe(0);
  });

  it('a credential deleted while its login runs: the configuration is still stored, the log says why nothing was counted', async () => {
    const vanishing = createTestLogins(db.knex);
    await vanishing.add({ name: 'short-lived', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['vanish'] });
    const source = {
      ...vanishing.source,
      async candidates(deviceId: string) {
        const list = await vanishing.source.candidates(deviceId);
        await db.knex('credentials').where({ name: 'short-lived' }).delete();
        return list;
      },
    };
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' }));
    const device = await addSimulated(db.knex, sim, 'vanishing-login', ['vanish']);
    const result = await runSweep(testContext(db.knex, source), { target: { kind: 'hostnames', hostnames: ['vanishing-login'] } });
    expect(result.outcomes[0]).toMatchObject({ status: 'changed', credential: 'short-lived' });
    expect(await versions(db.knex, device.id)).toHaveLength(1);
    const warning = (await jobLogs(db.knex, result.outcomes[0]!.jobId)).find((l) => l.data.step === 'credential');
    expect(warning).toMatchObject({ level: 'warn', data: { code: 'CREDENTIAL_NOT_FOUND' } });
  });

  it('retrieveDeviceForJob runs one existing child job and refuses other jobs', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'arista_eos', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const device = await addSimulated(db.knex, sim, 'queued-one');
    const [parent] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'running' }).returning('id');
    const [child] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'running', parentJobId: parent.id, deviceId: device.id }).returning('id');
    const outcome = await retrieveDeviceForJob(ctx, child.id);
    expect(outcome).toMatchObject({ status: 'changed', deviceId: device.id, jobId: child.id });
    expect(await db.knex('jobs').where({ id: child.id }).first('status')).toEqual({ status: 'succeeded' });
    await expect(retrieveDeviceForJob(ctx, parent.id)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(retrieveDeviceForJob(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});
