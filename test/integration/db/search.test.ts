import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Device, DeviceConfiguration } from '../../../src/db/models/index.js';
import { indexConfigurations } from '../../../src/db/queries/index-configurations.js';
import { searchConfigurations } from '../../../src/db/queries/search-configurations.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

function bigConfiguration(bytes: number, needle: string): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = `interface GigabitEthernet1/0/${i}\n description access port ${i}\n switchport access vlan ${100 + (i % 50)}\n!`;
    lines.push(block);
    size += block.length + 1;
    if (i === 4000) lines.push(needle);
  }
  return lines.join('\n');
}

async function store(hostname: string, content: string, retrievedAt = new Date()) {
  const device = (await Device.query().findOne({ hostname })) ?? (await Device.query().insertAndFetch({ hostname, ipAddress: '198.51.100.7', deviceType: 'cisco_ios' }));
  const contentHash = createHash('sha256').update(content).digest('hex');
  await DeviceConfiguration.query().insert({ deviceId: device.id, content, contentHash, sizeBytes: Buffer.byteLength(content), retrievedAt });
  return device;
}

describe('configuration search', () => {
  it('finds a line inside a 1 MB configuration, with its line number', async () => {
    const content = bigConfiguration(1024 * 1024, ' snmp-server community N3tRaven-Needle_42 RO');
    expect(content.length).toBeGreaterThan(1024 * 1024);
    await store('big-core', content);
    await store('small-edge', 'hostname small-edge\nsnmp-server community public RO');

    const matches = await searchConfigurations(db.knex, 'n3traven-needle_42');
    expect(matches.map((m) => m.hostname)).toEqual(['big-core']);
    expect(matches[0]!.lines).toHaveLength(1);
    expect(matches[0]!.lines[0]!.text).toBe(' snmp-server community N3tRaven-Needle_42 RO');
    const number = matches[0]!.lines[0]!.number;
    expect(content.split('\n')[number - 1]).toBe(' snmp-server community N3tRaven-Needle_42 RO');
  });

  it('treats % and _ literally and searches history only when asked', async () => {
    await store('hist-1', 'hostname hist-1\nbanner motd 100%_ready', new Date('2026-01-01T00:00:00Z'));
    await store('hist-1', 'hostname hist-1\nbanner motd now ready', new Date('2026-02-01T00:00:00Z'));
    expect(await searchConfigurations(db.knex, '100%_ready')).toEqual([]);
    const old = await searchConfigurations(db.knex, '100%_ready', { history: true });
    expect(old.map((m) => m.hostname)).toEqual(['hist-1']);
    expect(await searchConfigurations(db.knex, '100%x')).toEqual([]);
  });

  it('matches words by default and fragments inside words with substring', async () => {
    await store('wb-1', 'hostname wb-1\ninterface TenGigabitEthernet7/1/24\n ip address 10.17.3.20 255.255.255.0\n description uplink-to-core');
    await store('wb-2', 'hostname wb-2\n ip address 110.17.3.20 255.255.255.0');
    const hosts = async (text: string, substring = false) => (await searchConfigurations(db.knex, text, { substring })).map((m) => m.hostname);
    expect(await hosts('10.17.3.20')).toEqual(['wb-1']);
    expect(await hosts('10.17.3.20', true)).toEqual(['wb-1', 'wb-2']);
    expect(await hosts('tengigabitethernet7/1/2')).toEqual(['wb-1']);
    expect(await hosts('ip address 10.17.3')).toEqual(['wb-1']);
    expect(await hosts('link-to-core')).toEqual([]);
    expect(await hosts('link-to-core', true)).toEqual(['wb-1']);
    expect(await hosts('!!')).toEqual([]);
    expect(await hosts("'; DROP TABLE devices; --")).toEqual([]);
    expect(await hosts('\\')).toEqual([]);
  });

  it('still finds a configuration too large for the word index', async () => {
    // Over 1 MB of distinct words: its tsvector cannot be built, so it is always a candidate.
    const words = Array.from({ length: 90_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`).join(' ');
    await store('huge-words', `hostname huge-words\n${words}\nlogging host 192.0.2.99`);
    expect((await indexConfigurations(db.knex)).indexed).toBeGreaterThanOrEqual(1);
    const [row] = (await db.knex.raw("SELECT search_words IS NULL AS unindexed, search_indexed_at IS NOT NULL AS done FROM device_configurations c JOIN devices d ON d.id = c.device_id WHERE d.hostname = 'huge-words'")).rows;
    expect(row).toEqual({ unindexed: true, done: true });
    expect((await searchConfigurations(db.knex, 'logging host 192.0.2.99')).map((m) => m.hostname)).toEqual(['huge-words']);
  });

  it('finds versions the indexer has not reached yet, in both modes, and the same ones once indexed', async () => {
    await store('pend-1', 'hostname pend-1\n ip address 10.99.7.1 255.255.255.0\n description to-pend-2');
    await store('pend-2', 'hostname pend-2\n ip address 110.99.7.1 255.255.255.0');
    await store('pend-3', 'hostname pend-3\n ip address 10.99.7.3 255.255.255.0');
    const unindexed = async () => Number((await db.knex.raw("SELECT count(*) FROM device_configurations c JOIN devices d ON d.id = c.device_id WHERE d.hostname LIKE 'pend-%' AND c.search_indexed_at IS NULL")).rows[0].count);
    expect(await unindexed()).toBe(3);
    const hosts = async (text: string, substring = false) => (await searchConfigurations(db.knex, text, { substring })).map((m) => m.hostname);
    const queries: Array<[string, boolean, string[]]> = [
      ['10.99.7.1', false, ['pend-1']],
      ['10.99.7.1', true, ['pend-1', 'pend-2']],
      // 'to-pend-2' is one hyphenated word to the parser: pend-2 does not start it.
      ['pend-2', false, ['pend-2']],
      ['to-pend', false, ['pend-1']],
      ['0.99.7.', true, ['pend-1', 'pend-2', 'pend-3']],
      ['10.99.7.9', false, []],
    ];
    const before = await Promise.all(queries.map(([text, substring]) => hosts(text, substring)));
    expect(before).toEqual(queries.map(([, , expected]) => expected));
    const run = await indexConfigurations(db.knex, { batchRows: 2 });
    expect(run.indexed).toBeGreaterThanOrEqual(3);
    expect(run.pending).toBe(0);
    expect(await unindexed()).toBe(0);
    expect(await Promise.all(queries.map(([text, substring]) => hosts(text, substring)))).toEqual(before);
    // A version stored after the run is found before the next one.
    await store('pend-4', 'hostname pend-4\n ip address 10.99.7.1 255.255.255.0');
    expect(await hosts('10.99.7.1')).toEqual(['pend-1', 'pend-4']);
    expect(await hosts('99.7.1 ', true)).toEqual(['pend-1', 'pend-2', 'pend-4']);
  });

  it('lets the indexes answer both kinds of query', async () => {
    await db.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string) => (await trx.raw(`EXPLAIN ${sql}`)).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      // The shape search uses: indexed versions through the trigram index, the others through the pending index.
      const substring = await plan(
        "SELECT id FROM device_configurations c WHERE (c.search_indexed_at IS NOT NULL AND c.content ILIKE '%needle_42%') OR (c.search_indexed_at IS NULL AND c.content ILIKE '%needle_42%')",
      );
      expect(substring).toMatch(/device_configurations_content_trgm_idx/);
      expect(substring).toMatch(/device_configurations_index_pending_idx/);
      expect(await plan("SELECT id FROM device_configurations WHERE search_words @@ '10.17.3.20:*'::tsquery")).toMatch(/device_configurations_search_words_idx/);
    });
  });
});
