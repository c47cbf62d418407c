import { beforeAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/retrieval/configs/config-diff.js';
import { configurationHistory, getVersion, versionPair } from '../../../src/retrieval/configs/config-versions.js';
import { addDevice } from '../../../src/retrieval/inventory/device-inventory.js';
import { contentHash } from '../../../src/retrieval/record-outcome.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

/** Stores versions directly, one second apart, oldest first; returns their ids. */
async function store(deviceId: string, contents: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, content] of contents.entries()) {
    const [row] = await db
      .knex('device_configurations')
      .insert({ deviceId, content, contentHash: contentHash(content), sizeBytes: Buffer.byteLength(content), retrievedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) })
      .returning('id');
    ids.push(row.id);
  }
  return ids;
}

describe('stored versions: history, show, diff', () => {
  let ids: string[];

  beforeAll(async () => {
    const many = await addDevice(db.knex, { hostname: 'many', ipAddress: '192.0.2.1', port: 22, deviceType: 'cisco_ios', tags: [] });
    ids = await store(many.id, Array.from({ length: 7 }, (_, i) => `hostname many\ninterface Gi0/${i}\n shutdown\nend\n`));
    const single = await addDevice(db.knex, { hostname: 'single', ipAddress: '192.0.2.2', port: 22, deviceType: 'cisco_ios', tags: [] });
    await store(single.id, ['hostname single\n']);
    await addDevice(db.knex, { hostname: 'empty', ipAddress: '192.0.2.3', port: 22, deviceType: 'cisco_ios', tags: [] });
  });

  it('history is newest first and pages with the last id as cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const { page } = await configurationHistory(db.knex, 'MANY', { limit: 3, after });
      seen.push(...page.items.map((v) => v.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('a version is found by its id or a unique prefix of 8+ characters; bad references are explained', async () => {
    expect((await getVersion(db.knex, 'many')).version.id).toBe(ids[6]);
    expect((await getVersion(db.knex, 'many', ids[2]!.slice(0, 8))).version.content).toContain('Gi0/2');
    await expect(getVersion(db.knex, 'many', 'abc')).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('first 8+ characters') });
    await expect(getVersion(db.knex, 'many', "'; DROP TABLE x; --")).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(getVersion(db.knex, 'single', ids[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getVersion(db.knex, 'empty')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('netraven retrieve --device empty') });
    await expect(getVersion(db.knex, 'nobody')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('netraven devices list') });
  });

  it('diff defaults to previous against latest; FROM alone compares with the latest', async () => {
    const latest = await versionPair(db.knex, 'many');
    expect([latest.from.id, latest.to.id]).toEqual([ids[5], ids[6]]);
    const diff = unifiedDiff(latest.hostname, latest.from, latest.to);
    expect(diff.split('\n').slice(0, 6)).toEqual([
      `--- many@${ids[5]!.slice(0, 8)}\t2026-01-01T00:00:05.000Z`,
      `+++ many@${ids[6]!.slice(0, 8)}\t2026-01-01T00:00:06.000Z`,
      '@@ -1,4 +1,4 @@',
      ' hostname many',
      '-interface Gi0/5',
      '+interface Gi0/6',
    ]);
    const fromFirst = await versionPair(db.knex, 'many', ids[0]!);
    expect([fromFirst.from.id, fromFirst.to.id]).toEqual([ids[0], ids[6]]);
    const same = await versionPair(db.knex, 'many', ids[3]!, ids[3]!);
    expect(unifiedDiff(same.hostname, same.from, same.to)).toBe('');
  });

  it('nothing to compare: a single version or none is NOT_FOUND with what to do', async () => {
    await expect(versionPair(db.knex, 'single')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('a single stored version') });
    await expect(versionPair(db.knex, 'empty')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no stored configuration yet') });
  });
});
