import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importDevicesCsv, MAX_IMPORT_BYTES } from '../../../src/retrieval/inventory/csv-import.js';
import { listDevices } from '../../../src/retrieval/inventory/device-inventory.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

function csvFile(content: string | Buffer): string {
  const file = path.join(dir, `devices-${++n}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

async function inventory(): Promise<Array<{ hostname: string; ipAddress: string; port: number; deviceType: string; tags: string[] }>> {
  const page = await listDevices(db.knex, { limit: 1000 });
  return page.items.map(({ hostname, ipAddress, port, deviceType, tags }) => ({ hostname, ipAddress, port, deviceType, tags }));
}

describe('devices import FILE.csv', () => {
  it('imports a file with BOM, CRLF, quoted fields and empty lines', async () => {
    const file = csvFile('\ufeffhostname,ip,port,device_type,tags\r\n"core-sw1",10.0.0.1,,cisco_ios,"core;dc1"\r\n\r\nedge-1,2001:db8::1,2222,juniper_junos,edge\r\n');
    expect(await importDevicesCsv(db.knex, file)).toEqual({ ok: true, rows: 2, inserted: 2, updated: 0 });
    expect(await inventory()).toEqual([
      { hostname: 'core-sw1', ipAddress: '10.0.0.1', port: 22, deviceType: 'cisco_ios', tags: ['core', 'dc1'] },
      { hostname: 'edge-1', ipAddress: '2001:db8::1', port: 2222, deviceType: 'juniper_junos', tags: ['edge'] },
    ]);
  });

  it('re-importing updates the named devices (hostname ignores case) instead of duplicating them; tags are replaced', async () => {
    const file = csvFile('hostname,ip,port,device_type,tags\nCORE-SW1,10.0.0.11,2200,arista_eos,dc2\nnew-1,192.0.2.1,,vyos,\n');
    expect(await importDevicesCsv(db.knex, file)).toEqual({ ok: true, rows: 2, inserted: 1, updated: 1 });
    const devices = await inventory();
    expect(devices).toHaveLength(3);
    expect(devices.find((d) => d.hostname === 'CORE-SW1')).toEqual({ hostname: 'CORE-SW1', ipAddress: '10.0.0.11', port: 2200, deviceType: 'arista_eos', tags: ['dc2'] });
    // An empty tags cell gives the default tag, so a credential tagged `default` applies.
    expect(devices.find((d) => d.hostname === 'new-1')?.tags).toEqual(['default']);
  });

  it('a file without a tags column leaves the tags of known devices alone and gives new ones the default tag', async () => {
    const file = csvFile('hostname,ip,device_type\nedge-1,2001:db8::2,juniper_junos\nedge-9,2001:db8::9,juniper_junos\n');
    expect(await importDevicesCsv(db.knex, file)).toMatchObject({ ok: true, updated: 1, inserted: 1 });
    expect((await inventory()).find((d) => d.hostname === 'edge-1')).toMatchObject({ ipAddress: '2001:db8::2', port: 22, tags: ['edge'] });
    expect((await inventory()).find((d) => d.hostname === 'edge-9')).toMatchObject({ tags: ['default'] });
  });

  it('a file with one bad line imports nothing and names the line', async () => {
    const before = await inventory();
    const file = csvFile('hostname,ip,port,device_type,tags\nfresh-1,10.1.0.1,,linux,a\nfresh-2,10.1.0.300,,linux,a\nCORE-SW1,10.9.9.9,,linux,z\n');
    const result = await importDevicesCsv(db.knex, file);
    expect(result).toEqual({ ok: false, problems: [{ line: 3, problems: [expect.stringContaining('ip "10.1.0.300" is not valid')] }] });
    expect(await inventory()).toEqual(before);
    expect(await db.knex('tags').whereRaw("lower(name) IN ('a', 'z')").select('id')).toEqual([]);
  });

  it('refuses what is not a readable UTF-8 regular file of reasonable size', async () => {
    await expect(importDevicesCsv(db.knex, path.join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no such file') });
    await expect(importDevicesCsv(db.knex, dir)).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('not a regular file') });
    const latin1 = csvFile(Buffer.from('hostname,ip,device_type\nsw\xe9,10.0.0.1,linux\n', 'latin1'));
    await expect(importDevicesCsv(db.knex, latin1)).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('not UTF-8') });
    const huge = path.join(dir, 'huge.csv');
    fs.writeFileSync(huge, 'hostname,ip,device_type\n');
    fs.truncateSync(huge, MAX_IMPORT_BYTES + 1);
    await expect(importDevicesCsv(db.knex, huge)).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('split the file') });
  });

  it('imports 5,000 devices in one go', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `bulk-${i},10.50.${i >> 8}.${i & 255},,cisco_ios,bulk;site-${i % 10}`);
    const file = csvFile(`hostname,ip,port,device_type,tags\n${rows.join('\n')}\n`);
    expect(await importDevicesCsv(db.knex, file)).toEqual({ ok: true, rows: 5000, inserted: 5000, updated: 0 });
    const linked = await db.knex('device_tags').join('tags', 'tags.id', 'device_tags.tag_id').where('tags.name', 'bulk').count('* as count');
    expect(Number(linked[0]!.count)).toBe(5000);
  });

  it('device_type "auto" is accepted, and a re-import with "auto" keeps a driver already detected', async () => {
    const file = csvFile('hostname,ip,port,device_type,tags\nauto-1,192.0.2.71,,auto,lab\nauto-2,192.0.2.72,,AUTO,lab\n');
    const refused = await importDevicesCsv(db.knex, file);
    expect(refused.ok).toBe(false);
    const good = csvFile('hostname,ip,port,device_type,tags\nauto-1,192.0.2.71,,auto,lab\nauto-2,192.0.2.72,,auto,lab\n');
    expect(await importDevicesCsv(db.knex, good)).toMatchObject({ ok: true, inserted: 2 });
    expect((await inventory()).filter((d) => d.hostname.startsWith('auto-')).map((d) => d.deviceType)).toEqual(['auto', 'auto']);
    await db.knex('devices').where({ hostname: 'auto-1' }).update({ deviceType: 'cisco_ios' });
    expect(await importDevicesCsv(db.knex, good)).toMatchObject({ ok: true, updated: 2 });
    expect((await inventory()).filter((d) => d.hostname.startsWith('auto-')).map((d) => d.deviceType)).toEqual(['cisco_ios', 'auto']);
  });
});
