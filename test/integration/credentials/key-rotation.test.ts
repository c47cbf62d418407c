import { describe, expect, it } from 'vitest';
import { openCredential } from '../../../src/credentials/credential-opening.js';
import { updateCredential } from '../../../src/credentials/credential-service.js';
import { rotateKeys, type RotationProgress } from '../../../src/credentials/key-rotation.js';
import { verifyCredentials } from '../../../src/credentials/key-verify.js';
import { lockKeyringShared, tryLockRotation } from '../../../src/credentials/keyring-lock.js';
import { generateKey } from '../../../src/credentials/keyring.js';
import { seal } from '../../../src/credentials/sealing.js';
import { addCredentials, expectAllOpen, flipOneCiphertextByte, keyUsage } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

describe('key rotation', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let known: Awaited<ReturnType<typeof addCredentials>>;

  it('re-seals every credential under a new key in batches, records the job, and retires the old key', async () => {
    known = await addCredentials(db.knex, keyring, 11);
    const oldKey = keyring.activeKey().id;
    const before = await db.knex('credentials').select('id', 'secret').orderBy('id');
    const progress: RotationProgress[] = [];
    const result = await rotateKeys({ knex: db.knex, keyring, batchSize: 4, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ resumed: false, total: 11, resealed: 11, failures: [], retiredKeyIds: [oldKey], remainingKeyIds: [], status: 'succeeded' });
    expect(result.keyId).not.toBe(oldKey);
    expect(progress.map((p) => p.done)).toEqual([0, 4, 8, 11]);
    expect(progress.map((p) => [p.batches, p.batchSize])).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
    expect(keyring.load().keys.map((k) => [k.id, k.state])).toEqual([[result.keyId, 'active']]);
    expect(await keyUsage(db.knex)).toEqual({ [result.keyId]: 11 });
    const after = await db.knex('credentials').select('id', 'secret').orderBy('id');
    after.forEach((row: { secret: Buffer }, i: number) => expect(row.secret.equals(before[i].secret)).toBe(false));
    await expectAllOpen(db.knex, keyring.file, known);

    const job = await db.knex('jobs').where({ id: result.jobId }).first();
    expect(job).toMatchObject({ kind: 'key_rotation', status: 'succeeded', progressTotal: 11, progressDone: 11, progressFailed: 0, leaseOwner: null });
    expect(job.target).toMatchObject({ keyId: result.keyId, batchSize: 4, resumed: false });
    expect(job.finishedAt).toBeInstanceOf(Date);
    const logs = await db.knex('job_logs').where({ jobId: result.jobId }).orderBy('id').pluck('message');
    expect(logs[0]).toContain(`new active key ${result.keyId}`);
    expect(logs.filter((m: string) => m.startsWith('re-sealed') && m.includes('credentials under key'))).toHaveLength(3);
    expect(logs[logs.length - 1]).toContain(`retired ${oldKey}`);
  });

  it('leaves a tampered credential and one sealed with a lost key untouched, keeps the key they use, and finishes after a fix', async () => {
    const [victim, other] = await db.knex('credentials').select('id', 'name', 'secret').orderBy('name').limit(2);
    const bytes = flipOneCiphertextByte(victim.secret);
    await db.knex('credentials').where({ id: victim.id }).update({ secret: bytes });
    const lost = generateKey();
    await db.knex('credentials').where({ id: other.id }).update({ secret: seal('whatever', lost, { credentialId: other.id, field: 'secret' }), enableSecret: null, keyId: lost.id });
    const oldKey = keyring.activeKey().id;

    const partial = await rotateKeys({ knex: db.knex, keyring, batchSize: 5 });
    expect(partial.status).toBe('partially_succeeded');
    expect(partial.failures.map((f) => [f.name, f.code]).sort()).toEqual([[other.name, 'KEY_NOT_FOUND'], [victim.name, 'CIPHERTEXT_INVALID']].sort());
    expect(partial.remainingKeyIds).toEqual([oldKey]);
    expect((await db.knex('credentials').where({ id: victim.id }).first()).secret).toEqual(bytes);
    expect(await keyUsage(db.knex)).toEqual({ [partial.keyId]: 9, [oldKey]: 1, [lost.id]: 1 });
    const job = await db.knex('jobs').where({ id: partial.jobId }).first();
    expect(job).toMatchObject({ status: 'partially_succeeded', progressFailed: 2, errorCode: 'ROTATION_INCOMPLETE' });
    const errors = await db.knex('job_logs').where({ jobId: partial.jobId, level: 'error' }).pluck('message');
    expect(errors.sort()).toEqual([`credential "${other.name}" was not re-sealed: KEY_NOT_FOUND`, `credential "${victim.name}" was not re-sealed: CIPHERTEXT_INVALID`].sort());
    expect((await verifyCredentials(db.knex, keyring)).failures.map((f) => f.name).sort()).toEqual([other.name, victim.name].sort());

    await updateCredential({ knex: db.knex, keyring }, victim.name, { secret: 'fixed', enableSecret: null });
    await db.knex('credentials').where({ id: other.id }).delete();
    known.set(victim.name, ['fixed', null]);
    known.delete(other.name);
    const resumed = await rotateKeys({ knex: db.knex, keyring });
    expect(resumed).toMatchObject({ resumed: true, keyId: partial.keyId, retiredKeyIds: [oldKey], status: 'succeeded', resealed: 0 });
    expect(keyring.load().keys).toHaveLength(1);
    await expectAllOpen(db.knex, keyring.file, known);
  });

  it('refuses a second rotation while one holds the lock', async () => {
    const held = await tryLockRotation(db.knex);
    expect(held).toBeDefined();
    try {
      await expect(rotateKeys({ knex: db.knex, keyring })).rejects.toMatchObject({ code: 'ROTATION_IN_PROGRESS' });
    } finally {
      await held!.release();
    }
  });

  it('waits for a sealer that read the old key, then re-seals what it wrote', async () => {
    const oldKey = keyring.activeKey();
    const trx = await db.knex.transaction();
    await lockKeyringShared(trx);
    const id = '00000000-0000-4000-8000-000000000001';
    await trx('credentials').insert({ id, name: 'late-writer', username: 'u', keyId: oldKey.id, secret: seal('late', oldKey, { credentialId: id, field: 'secret' }) });
    const rotation = rotateKeys({ knex: db.knex, keyring, batchSize: 3 });
    const waiting = async () => (await db.knex.raw("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n;
    for (let tries = 0; (await waiting()) === 0 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waiting()).toBe(1);
    expect(keyring.load().keys.map((k) => k.id)).toEqual([oldKey.id]);
    await trx.commit();
    const result = await rotation;
    expect(result).toMatchObject({ status: 'succeeded', retiredKeyIds: [oldKey.id] });
    known.set('late-writer', ['late', null]);
    await expectAllOpen(db.knex, keyring.file, known);
    const row = await db.knex('credentials').where({ id }).first();
    expect(openCredential(row, keyring).password).toBe('late');
  });
});
