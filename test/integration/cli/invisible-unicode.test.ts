import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';

// Device and database text with bidirectional and invisible characters ("Trojan Source"): every
// command shows them as <U+XXXX> (through a pipe too: it often ends at a terminal), JSON keeps
// them exactly but escaped, `configs show --raw` writes the stored text, and what is stored
// keeps every character.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u061c]/u;
const OLD = 'hostname core-1\ninterface Gi0/1\n description uplink\n';
const NEW = 'hostname core-1\ninterface Gi0/1\n description admin\u202Etxt.exe\n snmp-server community pub\u200Blic RO\n';

describe('bidirectional and invisible characters from devices and the database', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-bidi-');
  const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home } });
  const visible = (result: CliResult, ...markers: string[]) => {
    expect(result.code, result.stderr).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(INVISIBLE);
    for (const marker of markers) expect(`${result.stdout}${result.stderr}`).toContain(marker);
  };
  let jobId: string;

  beforeAll(async () => {
    const [device] = await db.knex('devices')
      .insert({ hostname: 'core-1', ipAddress: '192.0.2.1', deviceType: 'cisco_ios', model: 'C9300\u2066-48P\u2069', osVersion: '17.9\u200F', lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'TIMEOUT' })
      .returning('id');
    const at = Date.now();
    for (const [i, content] of [OLD, NEW].entries()) {
      const contentHash = createHash('sha256').update(content).digest('hex');
      await db.knex('device_configurations').insert({ deviceId: device.id, content, contentHash, sizeBytes: Buffer.byteLength(content), retrievedAt: new Date(at - (1 - i) * 60_000) });
    }
    const [job] = await db.knex('jobs').insert({ kind: 'retrieval', deviceId: device.id, status: 'failed', errorCode: 'TIMEOUT', error: 'no prompt: last line "core-1\u202E#"' }).returning('id');
    jobId = job.id;
    await db.knex('job_logs').insert({ jobId, deviceId: device.id, level: 'warn', message: 'core-1: banner said \u2067evil\u2069 \u200Bhello' });
  });

  it('configs show: visible through a pipe; --json escaped and exact; --raw and the database keep the text', async () => {
    visible(await cli(['configs', 'show', 'core-1']), 'description admin<U+202E>txt.exe', 'pub<U+200B>lic');
    const json = await cli(['configs', 'show', 'core-1', '--json']);
    visible(json, '\\u202e');
    expect(JSON.parse(json.stdout).content).toBe(NEW);
    expect((await cli(['configs', 'show', 'core-1', '--raw'])).stdout).toBe(NEW);
    expect(await db.knex('device_configurations').orderBy('retrievedAt', 'desc').first('content')).toEqual({ content: NEW });
  });

  it('configs diff shows the inserted characters visibly', async () => {
    const result = await cli(['configs', 'diff', 'core-1']);
    visible(result, '+ description admin<U+202E>txt.exe', '+ snmp-server community pub<U+200B>lic RO');
  });

  it('search shows matching lines visibly (text and JSON)', async () => {
    visible(await cli(['search', 'snmp-server']), 'pub<U+200B>lic');
    const json = await cli(['search', 'snmp-server', '--json']);
    visible(json, '\\u200b');
    expect(JSON.parse(json.stdout).matches[0].lines[0].text).toBe(' snmp-server community pub\u200Blic RO');
  });

  it('devices list (and every other table) shows device facts visibly', async () => {
    visible(await cli(['devices', 'list']), 'C9300<U+2066>-48P<U+2069>', '17.9<U+200F>');
    visible(await cli(['devices', 'list', '--json']), '\\u2066');
    visible(await cli(['jobs', 'list', '--all']), 'last line "core-1<U+202E>#"');
  });

  it('jobs logs and jobs show, as text and as JSON lines', async () => {
    visible(await cli(['jobs', 'logs', jobId]), 'banner said <U+2067>evil<U+2069> <U+200B>hello');
    const json = await cli(['jobs', 'logs', jobId, '--json']);
    visible(json, '\\u2067evil\\u2069');
    expect(JSON.parse(json.stdout.trim()).message).toBe('core-1: banner said \u2067evil\u2069 \u200Bhello');
    visible(await cli(['jobs', 'show', jobId]), 'core-1<U+202E>#');
  });

  it('CSV errors show a hostile cell visibly; nothing is imported', async () => {
    const file = path.join(home, 'bidi.csv');
    fs.writeFileSync(file, 'hostname,ip,device_type,tags\nedge\u202E1,192.0.2.2,cisco_ios,core\nedge-2,192.0.2.3,cisco_ios,co\u200Bre\n');
    const result = await cli(['devices', 'import', file]);
    expect(result.code).toBe(65);
    expect(result.stderr).not.toMatch(INVISIBLE);
    expect(result.stderr).toContain(`${file}:2: hostname "edge<U+202E>1"`);
    expect(result.stderr).toContain(`${file}:3: tag "co<U+200B>re"`);
    expect(await db.knex('devices').pluck('hostname')).toEqual(['core-1']);
  });
});
