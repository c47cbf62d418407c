import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins } from '../../support/logins.js';
import { addSimulated, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

describe('per-device SSH options (devices.ssh_options) through the retrieval layer', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let ctx: RetrievalContext;

  beforeAll(async () => {
    const logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    // The jump host's own login: tagged for no device, so it is only ever used by name.
    await logins.add({ name: 'bastion-login', username: 'jump', password: 'jump-pass', tags: ['bastions'] });
    ctx = testContext(db.knex, logins.source);
  });

  async function sweepOne(hostname: string) {
    return (await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } })).outcomes[0]!;
  }

  it('through a jump host named in ssh_options, logging into it with a credential by name', async () => {
    const bastion = harness.add(await startSimulatedDevice({ driver: 'linux', hostname: 'bastion', allowForwarding: true, alternateHostKey: true, users: [{ username: 'jump', password: 'jump-pass' }] }));
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass' }));
    const device = await addSimulated(db.knex, sim, 'behind-bastion', ['lab'], {
      jumpHost: { host: bastion.host, port: bastion.port, credential: 'bastion-login', hostKeyFingerprint: bastion.hostKeyFingerprint },
    });
    const outcome = await sweepOne('behind-bastion');
    expect(outcome).toMatchObject({ status: 'changed', credential: 'lab' });
    expect((await versions(db.knex, device.id))[0]!.content).toBe(loadTranscript('cisco_ios').expected);
    expect(bastion.connections()).toBe(1);
    const logs = await jobLogs(db.knex, outcome.jobId);
    expect(logs[0]!.message).toContain('through the jump host');
    expect(JSON.stringify(logs)).not.toContain('jump-pass');
  });

  it('a jump host without a pinned fingerprint works but is warned about in the job log', async () => {
    const bastion = harness.add(await startSimulatedDevice({ driver: 'linux', allowForwarding: true, users: [{ username: 'jump', password: 'jump-pass' }] }));
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' }));
    await addSimulated(db.knex, sim, 'unpinned-bastion', ['lab'], { jumpHost: { host: bastion.host, port: bastion.port, credential: 'bastion-login' } });
    const outcome = await sweepOne('unpinned-bastion');
    expect(outcome.status).toBe('changed');
    const warning = (await jobLogs(db.knex, outcome.jobId)).find((l) => l.data.step === 'jump-host');
    expect(warning).toMatchObject({ level: 'warn', message: expect.stringContaining('no pinned host key fingerprint') });
  });

  it('a jump host credential that does not exist fails the device before any connection', async () => {
    const sim = harness.add(await startSimulatedDevice({ driver: 'cisco_ios' }));
    await addSimulated(db.knex, sim, 'missing-jump-login', ['lab'], { jumpHost: { host: '127.0.0.1', port: 1, credential: 'nobody', hostKeyFingerprint: null } });
    const outcome = await sweepOne('missing-jump-login');
    expect(outcome).toMatchObject({ status: 'failed', errorCode: 'CREDENTIAL_NOT_FOUND' });
    expect(sim.connections()).toBe(0);
  });

  it('algorithm overrides replace the defaults: a legacy-only device is refused when they exclude legacy kex', async () => {
    const legacy = harness.add(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', legacyAlgorithmsOnly: true }));
    await addSimulated(db.knex, legacy, 'legacy-modern-only', ['lab'], { algorithms: { kex: ['curve25519-sha256'] } });
    const refused = await sweepOne('legacy-modern-only');
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'UNREACHABLE' });
    expect(refused.error).toContain('algorithm overrides');
    await addSimulated(db.knex, legacy, 'legacy-explicit', ['lab'], { algorithms: { kex: ['diffie-hellman-group1-sha1'], cipher: ['aes128-cbc'] } });
    expect((await sweepOne('legacy-explicit')).status).toBe('changed');
  });
});
