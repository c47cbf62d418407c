import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCredential } from '../../../src/credentials/credential-opening.js';
import { credentialsFor, recordAttempt } from '../../../src/credentials/credential-selection.js';
import { createCredential } from '../../../src/credentials/credential-service.js';
import { ensureTags } from '../../../src/credentials/credential-tags.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

describe('credential selection', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const ids: Record<string, string> = {};
  let device: string;

  async function addDevice(hostname: string, tags: string[]): Promise<string> {
    const [row] = await db.knex('devices').insert({ hostname, ipAddress: '192.0.2.10', deviceType: 'cisco_ios' }).returning('id');
    const tagIds = await db.knex.transaction((trx) => ensureTags(trx, tags));
    for (const tagId of tagIds) await db.knex('device_tags').insert({ deviceId: row.id, tagId });
    return row.id as string;
  }

  async function counters(name: string, successCount: number, failureCount: number): Promise<void> {
    await db.knex('credentials').where({ name }).update({ successCount, failureCount });
  }

  beforeAll(async () => {
    const add = async (name: string, tags: string[], priority = 100) => {
      ids[name] = (await createCredential({ knex: db.knex, keyring }, { name, username: `user-${name}`, secret: `pw-${name}`, tags, priority })).id;
    };
    await add('last-good', ['core']);
    await add('urgent', ['dc1'], 10);
    await add('other-site', ['ams'], 0);
    await add('reliable', ['core', 'dc1']);
    await add('flaky', ['core']);
    await add('untried', ['dc1']);
    await counters('reliable', 9, 1);
    await counters('flaky', 1, 9);
    await counters('last-good', 0, 5);
    device = await addDevice('edge-1', ['core', 'dc1']);
    await db.knex('devices').where({ id: device }).update({ lastGoodCredentialId: ids['last-good'] });
  });

  it('returns only credentials sharing a tag: last good first, then priority, then success ratio (untried in between)', async () => {
    const candidates = await credentialsFor(db.knex, device);
    expect(candidates.map((c) => c.name)).toEqual(['last-good', 'urgent', 'reliable', 'untried', 'flaky']);
    expect(candidates.map((c) => c.lastGood)).toEqual([true, false, false, false, false]);
    expect(new Set(candidates.map((c) => c.method))).toEqual(new Set(['password']));
    expect(openCredential(candidates[1]!, keyring)).toEqual({ username: 'user-urgent', password: 'pw-urgent', enableSecret: null, privateKey: null, passphrase: null });
    expect(await credentialsFor(db.knex, { id: device })).toHaveLength(5);
  });

  it('records a success: counters, times, and the device remembers the credential', async () => {
    await recordAttempt(db.knex, ids.flaky!, true, device);
    const row = await db.knex('credentials').where({ id: ids.flaky }).first();
    expect(row).toMatchObject({ successCount: 2, failureCount: 9 });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.lastSuccessAt).toEqual(row.lastUsedAt);
    expect((await db.knex('devices').where({ id: device }).first()).lastGoodCredentialId).toBe(ids.flaky);
    expect((await credentialsFor(db.knex, device))[0]!.name).toBe('flaky');
  });

  it('records a failure: counts it, keeps last success, and a failing last good credential stays remembered', async () => {
    await recordAttempt(db.knex, ids.urgent!, false, device);
    expect((await db.knex('devices').where({ id: device }).first()).lastGoodCredentialId).toBe(ids.flaky);
    const urgent = await db.knex('credentials').where({ id: ids.urgent }).first();
    expect(urgent).toMatchObject({ successCount: 0, failureCount: 1, lastSuccessAt: null });
    expect(urgent.lastUsedAt).toBeInstanceOf(Date);
    // Kept so retrieval.credential_fallback = first-contact-only still knows the device after a refusal.
    await recordAttempt(db.knex, ids.flaky!, false, device);
    expect((await db.knex('devices').where({ id: device }).first()).lastGoodCredentialId).toBe(ids.flaky);
    expect((await credentialsFor(db.knex, device))[0]).toMatchObject({ name: 'flaky', lastGood: true });
    expect((await db.knex('credentials').where({ id: ids.flaky }).first()).lastSuccessAt).toBeInstanceOf(Date);
  });

  it('gives an empty list for a device without shared tags and clear errors for unknown ids', async () => {
    const lonely = await addDevice('lonely-1', ['nothing-here']);
    expect(await credentialsFor(db.knex, lonely)).toEqual([]);
    await expect(credentialsFor(db.knex, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordAttempt(db.knex, randomUUID(), true, device)).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
  });
});
