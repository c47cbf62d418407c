import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCredential, updateCredential } from '../../../src/credentials/credential-service.js';
import { rotateKeys } from '../../../src/credentials/key-rotation.js';
import { keyStatus } from '../../../src/credentials/key-status.js';
import { verifyCredentials } from '../../../src/credentials/key-verify.js';
import { checkKeyringOpens } from '../../../src/credentials/keyring-health.js';
import { readSealingKeys, SEALING_KEYS_ROW } from '../../../src/credentials/keyring-identity.js';
import { ensureKeyring } from '../../../src/credentials/keyring-setup.js';
import { KeyringSource } from '../../../src/credentials/keyring-source.js';
import { generateKey, withActiveKey } from '../../../src/credentials/keyring.js';
import { NetRavenError } from '../../../src/errors.js';
import { expectAllOpen } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';

describe('keyring identity: a database refuses a keyring that does not hold its active key', () => {
  const db = useTestDatabase();
  const sealingKeys = async () => (await readSealingKeys(db.knex)).map((key) => ({ keyId: key.id, state: key.state }));
  const forgetRecord = () => db.knex('system_settings').where({ key: SEALING_KEYS_ROW }).delete();
  const snapshot = async () => ({ credentials: await db.knex('credentials').orderBy('id').select('*'), keys: await sealingKeys(), jobs: await db.knex('jobs').count('* as n') });
  const add = (keyring: KeyringSource, name: string, secret = `pw-${name}`) => createCredential({ knex: db.knex, keyring }, { name, username: 'ops', secret, tags: ['core'] });

  async function expectForeign(promise: Promise<unknown>, keyring: KeyringSource, databaseKeyId: string): Promise<void> {
    const err = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as NetRavenError;
    expect(err).toBeInstanceOf(NetRavenError);
    expect(err.code).toBe('KEYRING_FOREIGN');
    expect(err.message).toBe(
      `keyring ${keyring.file} (active key ${keyring.activeKey().id}) does not hold this database's active key ${databaseKeyId}: it belongs to another installation or predates a key rotation; set NETRAVEN_KEY_FILE to the keyring that holds ${databaseKeyId} (nothing was changed)`,
    );
  }

  beforeEach(async () => {
    await db.knex('jobs').delete();
    await db.knex('credentials').delete();
    await forgetRecord();
  });

  it('the first seal records the keyring\'s active key; a foreign keyring then seals, opens and rotates nothing', async () => {
    const own = tempKeyring();
    const foreign = tempKeyring();
    await add(own, 'core-admin');
    const ownKey = own.activeKey().id;
    expect(await sealingKeys()).toEqual([{ keyId: ownKey, state: 'active' }]);

    const before = await snapshot();
    const foreignText = fs.readFileSync(foreign.file);
    await expectForeign(add(foreign, 'sneaky'), foreign, ownKey);
    await expectForeign(updateCredential({ knex: db.knex, keyring: foreign }, 'core-admin', { secret: 'changed' }), foreign, ownKey);
    await expectForeign(rotateKeys({ knex: db.knex, keyring: foreign }), foreign, ownKey);
    await expectForeign(verifyCredentials(db.knex, foreign), foreign, ownKey);
    await expectForeign(checkKeyringOpens(db.knex, foreign), foreign, ownKey);
    // Nothing changed anywhere: no row, no job, and the foreign keyring got no new key.
    expect(await snapshot()).toEqual(before);
    expect(fs.readFileSync(foreign.file).equals(foreignText)).toBe(true);
    // keys status reports instead of refusing, so an operator can see what is wrong.
    expect(await keyStatus(db.knex, foreign)).toMatchObject({ activeKeyId: foreign.activeKey().id, databaseActiveKeyId: ownKey });
    // A rename touches no sealed value and needs no keyring.
    await updateCredential({ knex: db.knex, keyring: foreign }, 'core-admin', { priority: 5 });
    await expectAllOpen(db.knex, own.file, new Map([['core-admin', ['pw-core-admin', null]]]));
  });

  it('a rotation records the new key and retires the old one; a backup from before it is refused', async () => {
    const own = tempKeyring();
    await add(own, 'a');
    await add(own, 'b');
    const backup = path.join(tempDir(), 'keyring-backup.json');
    fs.copyFileSync(own.file, backup);
    const oldKey = own.activeKey().id;
    const result = await rotateKeys({ knex: db.knex, keyring: own });
    expect(await sealingKeys()).toEqual([
      { keyId: oldKey, state: 'retired' },
      { keyId: result.keyId, state: 'active' },
    ]);
    const stale = new KeyringSource(backup);
    await expectForeign(add(stale, 'c'), stale, result.keyId);
    await expectForeign(verifyCredentials(db.knex, stale), stale, result.keyId);
    expect((await verifyCredentials(db.knex, own)).failures).toEqual([]);
  });

  it('a keyring written by a rotation that died before its commit still belongs, and the next rotation records its key', async () => {
    const own = tempKeyring();
    await add(own, 'a');
    const oldKey = own.activeKey().id;
    // What a kill between the keyring rename and the commit leaves: new key active in the file, the database still naming the old one.
    const next = generateKey();
    own.save(withActiveKey(own.load(), next));
    expect(await sealingKeys()).toEqual([{ keyId: oldKey, state: 'active' }]);
    await add(own, 'b');
    expect((await db.knex('credentials').where({ name: 'b' }).first()).keyId).toBe(next.id);
    const result = await rotateKeys({ knex: db.knex, keyring: own });
    expect(result).toMatchObject({ resumed: true, keyId: next.id, retiredKeyIds: [oldKey], status: 'succeeded' });
    expect(await sealingKeys()).toEqual([
      { keyId: oldKey, state: 'retired' },
      { keyId: next.id, state: 'active' },
    ]);
  });

  it('a database that recorded no key yet is known by the keys its credentials use', async () => {
    const own = tempKeyring();
    const foreign = tempKeyring();
    await add(own, 'a');
    await forgetRecord();
    await expectForeign(add(foreign, 'b'), foreign, own.activeKey().id);
    await expectForeign(verifyCredentials(db.knex, foreign), foreign, own.activeKey().id);
    await add(own, 'b');
    expect(await sealingKeys()).toEqual([{ keyId: own.activeKey().id, state: 'active' }]);
  });

  it('two first seals with different keyrings at once: one keyring wins, the other is refused', async () => {
    const [first, second] = [tempKeyring(), tempKeyring()];
    const results = await Promise.allSettled([add(first, 'one'), add(second, 'two')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'KEYRING_FOREIGN' });
    expect(await db.knex('credentials').count('* as n').first()).toEqual({ n: '1' });
    expect(await sealingKeys()).toHaveLength(1);
  });

  it('db init / start: a new keyring for a database without credentials replaces the record; an existing foreign one is refused', async () => {
    const own = tempKeyring();
    await add(own, 'a');
    const oldKey = own.activeKey().id;
    const foreign = tempKeyring();
    await expect(ensureKeyring(db.knex, foreign)).rejects.toMatchObject({ code: 'KEYRING_FOREIGN' });
    await expect(ensureKeyring(db.knex, own)).resolves.toMatchObject({ created: false, activeKeyId: oldKey });
    await db.knex('credentials').delete();
    const fresh = new KeyringSource(path.join(tempDir(), 'keyring.json'));
    const made = await ensureKeyring(db.knex, fresh);
    expect(made.created).toBe(true);
    expect(await sealingKeys()).toEqual([
      { keyId: oldKey, state: 'retired' },
      { keyId: made.activeKeyId, state: 'active' },
    ]);
    await expectForeign(add(own, 'b'), own, made.activeKeyId);
  });
});
