import { describe, expect, it } from 'vitest';
import { openCredential } from '../../../src/credentials/credential-opening.js';
import { getCredential, listCredentials } from '../../../src/credentials/credential-queries.js';
import { createCredential, deleteCredential, updateCredential } from '../../../src/credentials/credential-service.js';
import { tagCredential, untagCredential } from '../../../src/credentials/credential-tags.js';
import { flipOneCiphertextByte } from '../../support/credentials.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

describe('credential service', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const store = () => ({ knex: db.knex, keyring });
  const sealedRow = (name: string) => db.knex('credentials').whereRaw('lower(name) = lower(?)', [name]).first();
  const snapshot = () => db.knex('credentials').select('*').orderBy('id');

  it('creates a credential with sealed secrets, an id made in code, and tags created on first use', async () => {
    const summary = await createCredential(store(), { name: 'core-admin', username: 'admin', secret: 'hunter2', enableSecret: 'en4ble', tags: ['core', 'edge'], priority: 10 });
    expect(summary).toMatchObject({ name: 'core-admin', username: 'admin', priority: 10, tags: ['core', 'edge'], hasEnableSecret: true, keyId: keyring.activeKey().id });
    expect(summary).not.toHaveProperty('secret');
    const row = await sealedRow('core-admin');
    expect(row.id).toBe(summary.id);
    expect(row.secret.toString('latin1')).toMatch(new RegExp(`^v1\\.${row.keyId}\\.`));
    expect(openCredential(row, keyring)).toEqual({ username: 'admin', password: 'hunter2', enableSecret: 'en4ble', privateKey: null, passphrase: null });
    const tags = await db.knex('tags').select('name').orderBy('name');
    // `default` is seeded by db init (knex/seeds/02-default-tags.ts).
    expect(tags.map((t: { name: string }) => t.name)).toEqual(['core', 'default', 'edge']);
  });

  it('reuses existing tags (case-insensitively) and tags/untags by name', async () => {
    await createCredential(store(), { name: 'backup', username: 'bk', secret: 'b4ckup', tags: ['CORE'] });
    expect((await db.knex('tags').count<Array<{ count: string }>>('* as count'))[0]!.count).toBe('3');
    expect((await tagCredential(db.knex, 'BACKUP', ['dc1', 'edge'])).tags).toEqual(['core', 'dc1', 'edge']);
    expect((await untagCredential(db.knex, 'backup', ['Edge', 'unknown-tag'])).tags).toEqual(['core', 'dc1']);
    expect(await db.knex('tags').where({ name: 'edge' }).first()).toBeDefined();
  });

  it('refuses a duplicate name (ignoring case) without touching any credential', async () => {
    const before = await snapshot();
    await expect(createCredential(store(), { name: 'Core-Admin', username: 'x', secret: 'other' })).rejects.toMatchObject({
      code: 'CREDENTIAL_EXISTS',
      message: expect.stringContaining('"Core-Admin" already exists'),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses empty secrets and hostile names before writing anything', async () => {
    const before = await snapshot();
    await expect(createCredential(store(), { name: 'empty', username: 'u', secret: '' })).rejects.toMatchObject({ code: 'SECRET_EMPTY', message: expect.stringContaining('"empty"') });
    await expect(createCredential(store(), { name: 'no-enable', username: 'u', secret: 's', enableSecret: '' })).rejects.toMatchObject({ code: 'SECRET_EMPTY', message: expect.stringContaining('enable secret') });
    await expect(createCredential(store(), { name: 'x\x1b[31m', username: 'u', secret: 's' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(createCredential(store(), { name: 'n'.repeat(10_000), username: 'u', secret: 's' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(createCredential(store(), { name: 'bad-tag', username: 'u', secret: 's', tags: ['no spaces'] })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    expect(await snapshot()).toEqual(before);
  });

  it('updates username, priority and name without re-sealing, and a new secret re-seals both fields', async () => {
    const before = await sealedRow('core-admin');
    await updateCredential(store(), 'core-admin', { username: 'root', priority: 1, rename: 'core-root' });
    const renamed = await sealedRow('core-root');
    expect(renamed.secret).toEqual(before.secret);
    expect(openCredential(renamed, keyring)).toEqual({ username: 'root', password: 'hunter2', enableSecret: 'en4ble', privateKey: null, passphrase: null });
    await updateCredential(store(), 'core-root', { secret: 'n3w' });
    const resealed = await sealedRow('core-root');
    expect(resealed.enableSecret).not.toEqual(before.enableSecret);
    expect(openCredential(resealed, keyring)).toEqual({ username: 'root', password: 'n3w', enableSecret: 'en4ble', privateKey: null, passphrase: null });
    await updateCredential(store(), 'core-root', { enableSecret: null });
    expect(openCredential(await sealedRow('core-root'), keyring).enableSecret).toBeNull();
  });

  it('refuses to rename onto another credential and to update or remove unknown names', async () => {
    await expect(updateCredential(store(), 'core-root', { rename: 'BACKUP' })).rejects.toMatchObject({ code: 'CREDENTIAL_EXISTS' });
    await expect(updateCredential(store(), 'ghost', { priority: 5 })).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', message: expect.stringContaining('"ghost"') });
    await expect(deleteCredential(db.knex, 'ghost')).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    await expect(tagCredential(db.knex, 'ghost', ['core'])).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
  });

  it('lists by name with keyset paging and never returns secrets', async () => {
    for (const name of ['c-1', 'c-2', 'c-3']) await createCredential(store(), { name, username: 'u', secret: `secret-${name}` });
    const first = await listCredentials(db.knex, { limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['backup', 'c-1']);
    expect(first.next).toBe('c-1');
    const second = await listCredentials(db.knex, { limit: 2, after: first.next! });
    expect(second.items.map((c) => c.name)).toEqual(['c-2', 'c-3']);
    const third = await listCredentials(db.knex, { limit: 2, after: second.next! });
    expect(third).toEqual({ items: [expect.objectContaining({ name: 'core-root' })], next: null });
    const text = JSON.stringify([first, second, third]);
    expect(text).not.toContain('secret-c-1');
    expect(text).not.toContain('v1.');
  });

  it('a ciphertext moved to another row or field, or with one byte flipped, does not open', async () => {
    const [a, b] = await db.knex('credentials').select('*').whereIn('name', ['c-2', 'c-3']).orderBy('name');
    const openErr = (row: object) => {
      try {
        openCredential(row as Parameters<typeof openCredential>[0], keyring);
      } catch (err) {
        return err as { code: string; message: string };
      }
      throw new Error('expected the credential not to open');
    };
    expect(openErr({ ...a, secret: b.secret })).toMatchObject({ code: 'CIPHERTEXT_INVALID', message: expect.stringContaining('secret of credential "c-2" does not open') });
    expect(openErr({ ...b, secret: a.secret }).message).toContain('credential "c-3"');
    const core = await sealedRow('core-root');
    expect(openErr({ ...core, secret: a.secret, enableSecret: core.secret }).code).toBe('CIPHERTEXT_INVALID');
    const err = openErr({ ...a, secret: flipOneCiphertextByte(a.secret) });
    expect(err).toMatchObject({ code: 'CIPHERTEXT_INVALID', message: expect.stringContaining('secret of credential "c-2" does not open with key') });
    expect(err.message).not.toContain('secret-c-2');
    expect(openCredential(a, keyring).password).toBe('secret-c-2');
  });

  it('removes a credential and the devices that remembered it forget it', async () => {
    const id = (await getCredential(db.knex, 'c-1')).id;
    const [device] = await db.knex('devices').insert({ hostname: 'r1', ipAddress: '192.0.2.1', deviceType: 'cisco_ios', lastGoodCredentialId: id }).returning('id');
    await deleteCredential(db.knex, 'C-1');
    await expect(getCredential(db.knex, 'c-1')).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    expect((await db.knex('devices').where({ id: device.id }).first()).lastGoodCredentialId).toBeNull();
  });
});
