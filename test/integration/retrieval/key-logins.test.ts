import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rotateKeys } from '../../../src/credentials/key-rotation.js';
import { verifyCredentials } from '../../../src/credentials/key-verify.js';
import type { RetrievalContext } from '../../../src/retrieval/retrieval-context.js';
import { runSweep } from '../../../src/retrieval/sweep.js';
import { dumpDatabaseAsText, encodingsOf } from '../../support/database-dump.js';
import { loadTranscript, startSimulatedDevice } from '../../support/device-simulator/index.js';
import { useTestDatabase } from '../../support/database.js';
import { createTestLogins, type TestLogins } from '../../support/logins.js';
import { encryptedKey, ed25519Key, keyBodyLines, rsaPemKey, type TestKeyPair } from '../../support/private-keys.js';
import { addSimulated, jobLogs, testContext, versions } from '../../support/retrieval.js';
import { DeviceHarness } from '../devices/fetch-helpers.js';

const db = useTestDatabase();
const PASSPHRASE = 'correct horse battery';
const PEM_PASSPHRASE = 'pem-Passphrase!';

describe('SSH key credentials: devices that accept only a key', () => {
  const harness = new DeviceHarness();
  afterEach(() => harness.closeAll());
  let logins: TestLogins;
  let ctx: RetrievalContext;
  let keys: { plain: TestKeyPair; encrypted: TestKeyPair; pem: TestKeyPair; stranger: TestKeyPair };
  let n = 0;

  beforeAll(async () => {
    keys = { plain: ed25519Key(), encrypted: encryptedKey(PASSPHRASE), pem: rsaPemKey(PEM_PASSPHRASE), stranger: ed25519Key() };
    logins = createTestLogins(db.knex);
    ctx = testContext(db.knex, logins.source);
  });

  /** A Junos device (exec mode) that lets `netops` in with this public key only, retrieved once. */
  async function retrieveKeyOnly(publicKey: string, tag: string) {
    const sim = harness.add(await startSimulatedDevice({ driver: 'juniper_junos', hostname: 'core-sw1', users: [{ username: 'netops', publicKey }], authMethods: ['publickey'] }));
    const hostname = `key-only-${++n}`;
    const device = await addSimulated(db.knex, sim, hostname, [tag]);
    const result = await runSweep(ctx, { target: { kind: 'hostnames', hostnames: [hostname] } });
    return { sim, hostname, device, outcome: result.outcomes[0]!, logs: await jobLogs(db.knex, result.outcomes[0]!.jobId) };
  }

  it('logs in with an OpenSSH key; the job log names the credential and says it is a key', async () => {
    await logins.add({ name: 'lab-key', username: 'netops', privateKey: keys.plain.privateKey, tags: ['plain'] });
    const { outcome, device, logs } = await retrieveKeyOnly(keys.plain.publicKey, 'plain');
    expect(outcome).toMatchObject({ status: 'changed', credential: 'lab-key' });
    expect((await versions(db.knex, device.id))[0]!.content).toBe(loadTranscript('juniper_junos').expected);
    expect(logs.find((l) => l.data.step === 'authenticated')?.message).toContain('authenticated as credential "lab-key" (user "netops", SSH key)');
    expect(logs.find((l) => l.data.step === 'credentials')?.message).toContain('credentials tried: "lab-key" (accepted)');
  });

  it('logs in with an encrypted OpenSSH key and an encrypted PEM key, opening them with their sealed passphrase', async () => {
    await logins.add({ name: 'enc-key', username: 'netops', privateKey: keys.encrypted.privateKey, passphrase: PASSPHRASE, tags: ['enc'] });
    await logins.add({ name: 'pem-key', username: 'netops', privateKey: keys.pem.privateKey, passphrase: PEM_PASSPHRASE, tags: ['pem'] });
    expect((await retrieveKeyOnly(keys.encrypted.publicKey, 'enc')).outcome).toMatchObject({ status: 'changed', credential: 'enc-key' });
    expect((await retrieveKeyOnly(keys.pem.publicKey, 'pem')).outcome).toMatchObject({ status: 'changed', credential: 'pem-key' });
  });

  it('falls back like passwords: a password and a key the device does not know are refused, the right key is used', async () => {
    await logins.add({ name: 'mix-password', username: 'netops', password: 'not-accepted', tags: ['mix'], priority: 1 });
    await logins.add({ name: 'mix-stranger', username: 'netops', privateKey: keys.stranger.privateKey, tags: ['mix'], priority: 2 });
    await logins.add({ name: 'mix-right', username: 'netops', privateKey: keys.plain.privateKey, tags: ['mix'], priority: 3 });
    const { outcome, sim, logs } = await retrieveKeyOnly(keys.plain.publicKey, 'mix');
    expect(outcome).toMatchObject({ status: 'changed', credential: 'mix-right' });
    expect(sim.connections()).toBe(3);
    expect(logs.filter((l) => l.data.step === 'auth-failed').map((l) => l.data.credential)).toEqual(['mix-password', 'mix-stranger']);
    expect(logs.find((l) => l.data.step === 'credentials')?.message).toBe(
      `${outcome.hostname}: credentials tried: "mix-password" (refused), "mix-stranger" (refused), "mix-right" (accepted)`,
    );
  });

  it('a key the device refuses, with no other credential, is AUTH_FAILED and names the credential', async () => {
    await logins.add({ name: 'only-stranger', username: 'netops', privateKey: keys.stranger.privateKey, tags: ['strange'] });
    const { outcome } = await retrieveKeyOnly(keys.plain.publicKey, 'strange');
    expect(outcome).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED' });
    expect(outcome.error).toContain('every credential was refused ("only-stranger")');
  });

  it('key rotation re-seals the key and its passphrase, verify opens them, and the keys still log in', async () => {
    const before = await db.knex('credentials').where({ name: 'enc-key' }).first('privateKey', 'keyPassphrase', 'keyId');
    const result = await rotateKeys({ knex: db.knex, keyring: logins.keyring });
    expect(result.status).toBe('succeeded');
    const after = await db.knex('credentials').where({ name: 'enc-key' }).first('privateKey', 'keyPassphrase', 'keyId');
    expect(after.keyId).toBe(result.keyId);
    expect(after.privateKey.equals(before.privateKey)).toBe(false);
    expect(after.keyPassphrase.equals(before.keyPassphrase)).toBe(false);
    expect(after.privateKey.toString('latin1')).toMatch(new RegExp(`^v1\\.${result.keyId}\\.`));
    expect(await verifyCredentials(db.knex, logins.keyring)).toEqual({ total: 7, failures: [] });
    // The sealed key is bound to its row and field: moved to the passphrase column it no longer opens.
    await db.knex('credentials').where({ name: 'pem-key' }).update({ keyPassphrase: after.privateKey });
    expect((await verifyCredentials(db.knex, logins.keyring)).failures).toEqual([expect.objectContaining({ name: 'pem-key', code: 'CIPHERTEXT_INVALID' })]);
    await db.knex('credentials').where({ name: 'pem-key' }).delete();
    expect((await retrieveKeyOnly(keys.encrypted.publicKey, 'enc')).outcome).toMatchObject({ status: 'changed', credential: 'enc-key' });
  });

  it('no private key or passphrase appears in the database, the job logs or the sealed columns', async () => {
    const dump = await dumpDatabaseAsText(db.knex);
    expect(dump).toContain('credentials tried');
    for (const pair of Object.values(keys)) for (const line of keyBodyLines(pair.privateKey)) expect(dump).not.toContain(line);
    for (const secret of [PASSPHRASE, PEM_PASSPHRASE]) for (const form of encodingsOf(secret)) expect(dump).not.toContain(form);
  });
});
