import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../../src/config/settings-store.js';
import { forgetDeviceCredential } from '../../../src/retrieval/inventory/device-inventory.js';
import { loadRetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

describe('retrieval.credential_fallback: what a device that refuses its known credential is offered', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let logins: TestLogins;
  let n = 0;
  const context = (policy: RetrievalContext['credentialFallback']) => testContext(db.knex, logins.source, { credentialFallback: policy });
  const failures = async () =>
    Object.fromEntries((await db.knex('credentials').select('name', 'failureCount')).map((row: { name: string; failureCount: number }) => [row.name, row.failureCount]));

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    // "known" works on the real device; "spare-a" and "spare-b" are the other credentials of the tag.
    await logins.add({ name: 'known', username: 'admin', password: 'known-pass', tags: ['site'], priority: 1 });
    await logins.add({ name: 'spare-a', username: 'admin', password: 'spare-a-pass', tags: ['site'], priority: 2 });
    await logins.add({ name: 'spare-b', username: 'admin', password: 'spare-b-pass', tags: ['site'], priority: 3 });
  });

  /** An Arista device accepting one password, in the inventory with tag `site`. */
  async function device(password: string): Promise<{ sim: SimulatedDevice; hostname: string }> {
    const sim = harness.add(await startSimulatedDevice({ driver: 'arista_eos', hostname: 'core-sw1', users: [{ username: 'admin', password }] }));
    const hostname = `site-${++n}`;
    await addSimulated(db.knex, sim, hostname, ['site']);
    return { sim, hostname };
  }

  /** Points the inventory entry at another simulated device (same host key: a device whose login changed). */
  async function swap(hostname: string, password: string): Promise<SimulatedDevice> {
    const sim = harness.add(await startSimulatedDevice({ driver: 'arista_eos', hostname: 'core-sw1', users: [{ username: 'admin', password }] }));
    await db.knex('devices').where({ hostname }).update({ port: sim.port });
    return sim;
  }

  async function retrieve(hostname: string, ctx: RetrievalContext) {
    const result = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    const outcome = result.outcomes[0]!;
    const logs = await jobLogs(db.knex, outcome.jobId);
    return { outcome, tried: logs.find((l) => l.data.step === 'credentials')! };
  }

  it('first-contact-only (the default): every credential on first contact, then only the one that worked', async () => {
    expect((await loadRetrievalContext(db.knex, logins.source)).credentialFallback).toBe('first-contact-only');
    const ctx = context('first-contact-only');
    const { sim, hostname } = await device('spare-a-pass');
    // First contact: no pinned host key, no credential that worked: the spares are offered.
    const first = await retrieve(hostname, ctx);
    expect(first.outcome).toMatchObject({ status: 'changed', credential: 'spare-a' });
    expect(sim.connections()).toBe(2);
    expect(first.tried.message).toBe(`${hostname}: credentials tried: "known" (refused), "spare-a" (accepted)`);
    expect((await deviceRow(db.knex, hostname)).hostKeyFingerprint).toBe(sim.hostKeyFingerprint);

    // The device now refuses spare-a (and would take spare-b): only spare-a is sent, the others are kept back.
    const before = await failures();
    const changed = await swap(hostname, 'spare-b-pass');
    const refused = await retrieve(hostname, ctx);
    expect(refused.outcome).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED' });
    expect(refused.outcome.error).toBe(
      `${hostname}: credential "spare-a" was refused and 2 other(s) were not offered: retrieval.credential_fallback is "first-contact-only" and the device has a pinned host key and a credential that worked ("spare-a"); if its secret or key changed, update it (\`netraven credentials update\`), or let the next retrieval try every credential: \`netraven devices forget-credential ${hostname}\``,
    );
    expect(changed.connections()).toBe(1);
    expect(refused.tried.message).toContain('credentials tried: "spare-a" (refused); not offered: "known", "spare-b" (retrieval.credential_fallback is "first-contact-only"');
    expect(refused.tried.data).toMatchObject({ tried: [{ credential: 'spare-a', outcome: 'refused' }], withheld: ['known', 'spare-b'] });
    expect(await failures()).toEqual({ ...before, 'spare-a': before['spare-a']! + 1 });

    // A refusal does not make the next retrieval a first contact again.
    expect((await retrieve(hostname, ctx)).outcome.errorCode).toBe('AUTH_FAILED');
    expect(changed.connections()).toBe(2);

    // The operator forgets the credential: the next retrieval is a first contact for credentials.
    expect(await forgetDeviceCredential(db.knex, hostname)).toEqual({ hostname, previous: 'spare-a' });
    const again = await retrieve(hostname, ctx);
    expect(again.outcome).toMatchObject({ status: 'unchanged', credential: 'spare-b' });
    expect(again.tried.message).toBe(`${hostname}: credentials tried: "known" (refused), "spare-a" (refused), "spare-b" (accepted)`);
  });

  it('first-contact-only: a device without a pinned host key is still a first contact', async () => {
    const { hostname } = await device('known-pass');
    expect((await retrieve(hostname, context('first-contact-only'))).outcome.credential).toBe('known');
    await swap(hostname, 'spare-b-pass');
    await db.knex('devices').where({ hostname }).update({ hostKeyFingerprint: null });
    const result = await retrieve(hostname, context('first-contact-only'));
    expect(result.outcome).toMatchObject({ status: 'unchanged', credential: 'spare-b' });
  });

  it('always: a known device that refuses its credential is offered every other one', async () => {
    const { hostname } = await device('known-pass');
    expect((await retrieve(hostname, context('always'))).outcome.credential).toBe('known');
    const changed = await swap(hostname, 'spare-b-pass');
    const result = await retrieve(hostname, context('always'));
    expect(result.outcome).toMatchObject({ status: 'unchanged', credential: 'spare-b' });
    expect(changed.connections()).toBe(3);
    expect(result.tried.message).toBe(`${hostname}: credentials tried: "known" (refused), "spare-a" (refused), "spare-b" (accepted)`);
  });

  it('never: one credential per retrieval, even on first contact', async () => {
    await setSetting(db.knex, 'retrieval.credential_fallback', 'never');
    const ctx = await loadRetrievalContext(db.knex, logins.source);
    expect(ctx.credentialFallback).toBe('never');
    const { sim, hostname } = await device('spare-b-pass');
    const result = await retrieve(hostname, { ...context('never'), ...ctx, limits: context('never').limits });
    expect(result.outcome).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED' });
    expect(result.outcome.error).toContain('credential "known" was refused and 2 other(s) were not offered: retrieval.credential_fallback is "never": one credential per retrieval');
    expect(sim.connections()).toBe(1);
    expect(result.tried.data.withheld).toEqual(['spare-a', 'spare-b']);
  });
});
