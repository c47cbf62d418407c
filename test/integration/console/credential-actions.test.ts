import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, guardActions, type ConsoleServices } from '../../../src/console/console-services.js';
import { openCredential } from '../../../src/credentials/credential-opening.js';
import { seedDevices } from '../../support/console-data.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';
import { encryptedKey, ed25519Key } from '../../support/private-keys.js';

/** Every change's record: the `change` jobs with their one log line. */
async function changes(knex: import('knex').Knex): Promise<Array<{ change: string; subject: string; by: string; message: string }>> {
  const rows = await knex('jobs as j').join('job_logs as l', 'l.job_id', 'j.id').where('j.kind', 'change').orderBy('l.id').select('j.target', 'j.requested_by', 'j.status', 'l.message');
  return rows.map((row: { target: { change: string; subject: string }; requestedBy: string; status: string; message: string }) => {
    expect(row.status).toBe('succeeded');
    return { change: row.target.change, subject: row.target.subject, by: row.requestedBy, message: row.message };
  });
}

describe('console credential actions', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const dir = tempDir('netraven-console-keys-');
  let services: ConsoleServices;

  beforeAll(async () => {
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
  });
  afterAll(async () => {
    await services.close();
  });

  it('adds a password credential and a key credential (from a file), each recorded as a change by the operator, never with a secret', async () => {
    const added = await services.addCredential({ name: 'core-admin', username: 'netops', tags: ['core', 'lab'], login: { kind: 'password', secret: 'Sup3r-s3cret!' }, enableSecret: 'en-abl3' });
    expect(added).toMatchObject({ name: 'core-admin', method: 'password', hasEnableSecret: true, tags: ['core', 'lab'] });
    const key = encryptedKey('pass-phr4se');
    const file = path.join(dir, 'id_ed25519');
    fs.writeFileSync(file, key.privateKey, { mode: 0o600 });
    expect(await services.checkKeyFile(file, 'edge-key')).toEqual({ encrypted: true, fingerprint: null });
    const keyed = await services.addCredential({ name: 'edge-key', username: 'backup', tags: ['edge'], login: { kind: 'key', keyFile: file, passphrase: 'pass-phr4se' }, enableSecret: null });
    expect(keyed.method).toBe('key');
    expect(keyed.keyFingerprint).toMatch(/^ssh-ed25519 SHA256:/);

    const rows = await db.knex('credentials').select('*').orderBy('name');
    expect(openCredential(rows[0], keyring)).toMatchObject({ password: 'Sup3r-s3cret!', enableSecret: 'en-abl3' });
    expect(openCredential(rows[1], keyring)).toMatchObject({ privateKey: `${key.privateKey.trim()}\n`, passphrase: 'pass-phr4se' });

    const recorded = await changes(db.knex);
    expect(recorded.map((c) => [c.change, c.subject, c.by])).toEqual([['credential.add', 'core-admin', 'alice@ops'], ['credential.add', 'edge-key', 'alice@ops']]);
    expect(recorded[0]!.message).toBe('credential "core-admin" added (user "netops", password login, with an enable secret, tags core, lab, priority 100) by alice@ops');
    expect(recorded[1]!.message).toContain(keyed.keyFingerprint!);
    const everything = JSON.stringify(await db.knex('job_logs').select('*'));
    for (const secret of ['Sup3r-s3cret!', 'en-abl3', 'pass-phr4se', 'OPENSSH PRIVATE']) expect(everything).not.toContain(secret);
  });

  it('lists credentials keyset-paged by name without any secret column', async () => {
    const first = await services.credentialPage({ limit: 1 });
    expect(first.more).toBe(true);
    expect(first.items[0]!.row).toEqual({
      id: expect.any(String), name: 'core-admin', username: 'netops', method: 'password', keyFingerprint: null, hasEnableSecret: true, priority: 100,
      keyId: keyring.activeKey().id, tags: ['core', 'lab'], successCount: 0, failureCount: 0, lastUsedAt: null, lastSuccessAt: null,
    });
    const next = await services.credentialPage({ limit: 5, after: first.items[0]!.cursor });
    expect(next.items.map((i) => i.row.name)).toEqual(['edge-key']);
    expect(next.more).toBe(false);
  });

  it('refuses bad input with the service\'s error and stores nothing: empty secret, missing or unreadable key file, a public key, a taken name', async () => {
    const before = await db.knex('credentials').count('* as n');
    await expect(services.addCredential({ name: 'empty', username: 'u', tags: [], login: { kind: 'password', secret: '' }, enableSecret: null })).rejects.toMatchObject({ code: 'SECRET_EMPTY' });
    await expect(services.checkKeyFile(path.join(dir, 'nope'), 'x')).rejects.toThrow(/key file ".*nope" does not exist/);
    await expect(services.checkKeyFile(dir, 'x')).rejects.toThrow(/is not a regular file/);
    const huge = path.join(dir, 'huge');
    fs.writeFileSync(huge, 'A'.repeat(20_000));
    await expect(services.checkKeyFile(huge, 'x')).rejects.toThrow(/holds 20000 bytes: a private key is at most 16384 bytes/);
    const pub = path.join(dir, 'id.pub');
    fs.writeFileSync(pub, ed25519Key().publicKey);
    await expect(services.checkKeyFile(pub, 'x')).rejects.toThrow(/is a public key/);
    await expect(services.addCredential({ name: 'pubkey', username: 'u', tags: [], login: { kind: 'key', keyFile: pub, passphrase: null }, enableSecret: null })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(services.checkCredentialField('name', 'CORE-admin')).rejects.toMatchObject({ code: 'CREDENTIAL_EXISTS' });
    await expect(services.checkCredentialField('name', 'core-admin', 'core-admin')).resolves.toBe('core-admin');
    await expect(services.checkCredentialField('tags', 'ok, bad tag!')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(services.checkCredentialField('priority', 'soon')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    expect(await db.knex('credentials').count('* as n')).toEqual(before);
    expect((await changes(db.knex)).length).toBe(2);
  });

  it('edits, re-tags and removes, each recorded; removal names the devices left without a credential', async () => {
    await seedDevices(db.knex, [
      { hostname: 'core-1', tags: ['core'] },
      { hostname: 'lab-1', tags: ['lab', 'edge'] },
      { hostname: 'lab-2', tags: ['lab'] },
    ]);
    const summary = await services.updateCredential('core-admin', { username: 'netops2', login: { kind: 'password', secret: 'n3w-secret' }, enableSecret: null });
    expect(summary).toMatchObject({ username: 'netops2', hasEnableSecret: false });
    const tagged = await services.setCredentialTags('core-admin', ['lab', 'Wan']);
    expect(tagged.tags).toEqual(['lab', 'Wan']);
    const row = await db.knex('credentials').where({ name: 'core-admin' }).first();
    expect(await services.credentialRemovalImpact(row.id)).toEqual({ count: 1, hostnames: ['lab-2'] });
    await services.removeCredential('core-admin');
    expect(await db.knex('credentials').where({ name: 'core-admin' })).toHaveLength(0);
    const recorded = (await changes(db.knex)).slice(2);
    expect(recorded.map((c) => c.change)).toEqual(['credential.update', 'credential.tags', 'credential.remove']);
    expect(recorded[0]!.message).toBe('credential "core-admin" changed (user, new password, enable secret removed; user "netops2", password login, priority 100) by alice@ops');
    expect(recorded[1]!.message).toBe('credential "core-admin" now applies to tags lab, Wan by alice@ops');
    expect(JSON.stringify(recorded)).not.toContain('n3w-secret');
  });

  it('a foreign keyring is refused before anything is stored (KEYRING_FOREIGN)', async () => {
    const foreign = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
    try {
      await expect(foreign.addCredential({ name: 'elsewhere', username: 'u', tags: [], login: { kind: 'password', secret: 'pw' }, enableSecret: null })).rejects.toMatchObject({ code: 'KEYRING_FOREIGN' });
      await expect(foreign.updateCredential('edge-key', { login: { kind: 'password', secret: 'pw' } })).rejects.toMatchObject({ code: 'KEYRING_FOREIGN' });
    } finally {
      await foreign.close();
    }
    expect(await db.knex('credentials').where({ name: 'elsewhere' })).toHaveLength(0);
    expect((await db.knex('credentials').where({ name: 'edge-key' }).first()).keyFingerprint).not.toBeNull();
  });

  it('a viewer may list credentials but not add, change or remove one (NOT_ALLOWED), nor read a key file', async () => {
    const viewer = guardActions({ ...services, actor: { name: 'bob@ops', role: 'viewer', via: 'ssh' } });
    await expect(viewer.credentialPage({ limit: 5 })).resolves.toHaveProperty('items');
    expect(() => viewer.addCredential({ name: 'x', username: 'u', tags: [], login: { kind: 'password', secret: 'pw' }, enableSecret: null })).toThrow(/not allowed for role viewer: addCredential needs role admin/);
    expect(() => viewer.checkKeyFile('/etc/passwd', 'x')).toThrow(/not allowed for role viewer: checkKeyFile needs role admin/);
    expect(() => viewer.removeCredential('edge-key')).toThrow(/not allowed for role viewer: removeCredential needs role admin/);
  });
});
