import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { loadDialogue, startSimulatedDevice, type SimulatedDevice, type SimulatedQuestion, type SimulatedUser } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { addSimulated, deviceRow, jobLogs, testContext } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();

/** A device that demands a new password (PASSWORD_EXPIRED) is a failure of that credential: the next one is tried within retrieval.credential_fallback. */
describe('an expired password moves on to the next credential', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let logins: TestLogins;
  const context = (policy: RetrievalContext['credentialFallback']) => testContext(db.knex, logins.source, { credentialFallback: policy });
  // Cisco AAA password aging: "Your password has expired ... New Password:" before the prompt.
  const expired = (loadDialogue('cisco_ios', 'password-expired') as { loginQuestions: SimulatedQuestion[] }).loginQuestions;
  const ADMIN: SimulatedUser = { username: 'admin', password: 'admin-pass' };
  const AGED: SimulatedUser = { username: 'aged', password: 'aged-pass', loginQuestions: expired };
  const counts = async (name: string) => (await db.knex('credentials').where({ name }).first('successCount', 'failureCount', 'id')) as { successCount: number; failureCount: number; id: string };

  beforeAll(() => {
    logins = createTestLogins(db.knex);
  });

  async function device(users: SimulatedUser[]): Promise<SimulatedDevice> {
    return harness.add(await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-rtr1', users }));
  }

  async function retrieve(hostname: string, ctx: RetrievalContext) {
    const result = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    const outcome = result.outcomes[0]!;
    const logs = await jobLogs(db.knex, outcome.jobId);
    return { outcome, logs, tried: logs.find((l) => l.data.step === 'credentials')! };
  }

  it('first contact: the expired one is logged with its code and counted as a failure, the next one retrieves the device', async () => {
    await logins.add({ name: 'a-aged', username: 'aged', password: 'aged-pass', tags: ['site-a'], priority: 1 });
    await logins.add({ name: 'a-admin', username: 'admin', password: 'admin-pass', tags: ['site-a'], priority: 2 });
    const sim = await device([AGED, ADMIN]);
    await addSimulated(db.knex, sim, 'rtr-a', ['site-a']);

    const { outcome, logs, tried } = await retrieve('rtr-a', context('first-contact-only'));
    expect(outcome).toMatchObject({ status: 'changed', credential: 'a-admin' });
    expect(sim.connections()).toBe(2);
    expect(tried.message).toBe('rtr-a: credentials tried: "a-aged" (password expired), "a-admin" (accepted)');
    expect(tried.data.tried).toEqual([
      { credential: 'a-aged', outcome: 'password expired' },
      { credential: 'a-admin', outcome: 'accepted' },
    ]);
    const line = logs.find((l) => l.data.step === 'password-expired')!;
    expect(line).toMatchObject({ level: 'warn', data: { credential: 'a-aged', code: 'PASSWORD_EXPIRED' } });
    expect(line.message).toContain('credential "a-aged" (user "aged"): password expired: ');
    expect(line.message).toContain('New Password:');
    expect(await counts('a-aged')).toMatchObject({ successCount: 0, failureCount: 1 });
    expect(await counts('a-admin')).toMatchObject({ successCount: 1, failureCount: 0 });
    expect((await deviceRow(db.knex, 'rtr-a')).lastGoodCredentialId).toBe((await counts('a-admin')).id);
    expect(JSON.stringify(logs)).not.toMatch(/aged-pass|admin-pass/);
  });

  it('a known device whose credential expired: PASSWORD_EXPIRED with only that one sent (first-contact-only); `always` then tries the next', async () => {
    await logins.add({ name: 'b-admin', username: 'admin', password: 'admin-pass', tags: ['site-b'], priority: 1 });
    await logins.add({ name: 'b-spare', username: 'spare', password: 'spare-pass', tags: ['site-b'], priority: 2 });
    const first = await device([ADMIN]);
    await addSimulated(db.knex, first, 'rtr-b', ['site-b']);
    expect((await retrieve('rtr-b', context('first-contact-only'))).outcome).toMatchObject({ status: 'changed', credential: 'b-admin' });

    // The same device (same host key) now says admin's password expired; the spare account works.
    const aged = await device([{ ...ADMIN, loginQuestions: expired }, { username: 'spare', password: 'spare-pass' }]);
    await db.knex('devices').where({ hostname: 'rtr-b' }).update({ port: aged.port });
    const held = await retrieve('rtr-b', context('first-contact-only'));
    expect(held.outcome).toMatchObject({ status: 'failed', errorCode: 'PASSWORD_EXPIRED' });
    expect(held.outcome.error).toMatch(/^rtr-b \(127\.0\.0\.1:\d+\): the device demands a new password before the first prompt \("New Password:"\); log in once by hand and set a new password, then update the credential in NetRaven \(credential "b-admin"\); 1 other\(s\) were not offered: retrieval\.credential_fallback is "first-contact-only"/);
    expect(aged.connections()).toBe(1);
    expect(held.tried.message).toContain('credentials tried: "b-admin" (password expired); not offered: "b-spare"');
    const row = await deviceRow(db.knex, 'rtr-b');
    expect(row).toMatchObject({ lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'PASSWORD_EXPIRED', lastGoodCredentialId: (await counts('b-admin')).id });
    expect(await counts('b-spare')).toMatchObject({ successCount: 0, failureCount: 0 });

    const fallback = await retrieve('rtr-b', context('always'));
    expect(fallback.outcome).toMatchObject({ status: 'unchanged', credential: 'b-spare' });
    expect(fallback.tried.message).toBe('rtr-b: credentials tried: "b-admin" (password expired), "b-spare" (accepted)');
    expect(await counts('b-admin')).toMatchObject({ successCount: 1, failureCount: 2 });
    expect((await deviceRow(db.knex, 'rtr-b')).lastGoodCredentialId).toBe((await counts('b-spare')).id);
  });

  it('every credential fails: the first one offered decides between PASSWORD_EXPIRED and AUTH_FAILED, and the message names each outcome', async () => {
    await logins.add({ name: 'c-aged', username: 'aged', password: 'aged-pass', tags: ['site-c'], priority: 1 });
    await logins.add({ name: 'c-wrong', username: 'admin', password: 'not-the-password', tags: ['site-c'], priority: 2 });
    const sim = await device([AGED, ADMIN]);
    await addSimulated(db.knex, sim, 'rtr-c', ['site-c']);

    const expiredFirst = await retrieve('rtr-c', context('always'));
    expect(expiredFirst.outcome).toMatchObject({ status: 'failed', errorCode: 'PASSWORD_EXPIRED' });
    expect(expiredFirst.outcome.error).toMatch(/ \(credential "c-aged"\); also tried: "c-wrong" \(refused\)$/);
    expect(expiredFirst.tried.message).toBe('rtr-c: credentials tried: "c-aged" (password expired), "c-wrong" (refused)');
    expect((await deviceRow(db.knex, 'rtr-c')).lastGoodCredentialId).toBeNull();

    await db.knex('credentials').where({ name: 'c-wrong' }).update({ priority: 0 });
    const refusedFirst = await retrieve('rtr-c', context('always'));
    expect(refusedFirst.outcome).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED' });
    expect(refusedFirst.outcome.error).toBe(
      'rtr-c: no credential logged in: "c-wrong" (refused), "c-aged" (password expired); check the usernames, passwords, keys and enable secrets; an expired password is renewed by logging in once by hand, then `netraven credentials update`',
    );
    expect(await counts('c-aged')).toMatchObject({ successCount: 0, failureCount: 2 });
    expect(await counts('c-wrong')).toMatchObject({ successCount: 0, failureCount: 2 });
    expect(sim.connections()).toBe(4);
  });
});
