import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../../src/config/input-limits.js';
import { expectOneLineError, runCli, type CliResult } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { tempDir } from '../../support/keyring.js';

// Every free-text input beyond its documented maximum (README "Input limits"): one line,
// INPUT_INVALID, exit 65, the text itself not echoed, and nothing stored changed.
describe('input limits through the real CLI', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-limits-');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  const cli = (args: string[], input?: string) => runCli(args, { env: env(), input });
  const x = (n: number, ch = 'x') => ch.repeat(n);
  let before: unknown;

  const snapshot = async () => ({
    devices: await db.knex('devices').orderBy('hostname').select('hostname', 'ipAddress', 'port', 'sshOptions', 'description'),
    tags: await db.knex('tags').orderBy('name').pluck('name'),
    settings: await db.knex('system_settings').orderBy('key').select('key', 'value'),
    schedules: await db.knex('jobs').whereNotNull('schedule').select('id', 'schedule'),
    jobs: (await db.knex('jobs').count('* as n').first())!.n,
    credentials: await db.knex('credentials').orderBy('name').select('name', 'username'),
  });
  /** One line, INPUT_INVALID, and no long run of the typed text echoed back. */
  const refused = (result: CliResult, what: RegExp) => {
    expect(expectOneLineError(result, 'INPUT_INVALID', 65)).toMatch(what);
    expect(result.stderr).not.toMatch(/x{80}|(w ){40}/);
    expect(result.stderr.length).toBeLessThan(400);
  };

  beforeAll(async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
    expect((await cli(['devices', 'add', 'keep-1', '--ip', '2001:db8::1', '--type', 'cisco_ios', '--tag', 'core'])).code).toBe(0);
    const [device] = await db.knex('devices').select('id');
    await db.knex('device_configurations').insert({ deviceId: device.id, content: 'hostname keep-1\nsnmp-server community public RO\n', contentHash: 'b'.repeat(64), sizeBytes: 46 });
  });
  beforeEach(async () => {
    before = await snapshot();
  });
  afterEach(async () => {
    expect(await snapshot()).toEqual(before);
  });

  it('search: 30,000 words is refused before PostgreSQL (no stack depth error, no query printed)', async () => {
    const result = await cli(['search', x(30_000, 'w ')]);
    refused(result, /search text is 60000 characters long; at most 1000 are accepted/);
    expect(result.stderr).not.toMatch(/stack depth|select|plainto_tsquery/i);
  });

  it('search: more than 1,000 characters', async () => {
    refused(await cli(['search', x(INPUT_LIMITS.searchText + 1)]), /search text is 1001 characters long; at most 1000 are accepted/);
  });

  it('search at the limit still runs, also as 500 words', async () => {
    const words = x(INPUT_LIMITS.searchText / 2, 'c ').trimEnd();
    const result = await cli(['search', words, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const long = await cli(['search', x(INPUT_LIMITS.searchText), '--json']);
    expect(long.code, long.stderr).toBe(0);
  });

  it.each([
    ['devices list --tag', ['devices', 'list', '--tag', x(65)], /tag is 65 characters long; at most 64/],
    ['retrieve --tag', ['retrieve', '--tag', x(65)], /tag is 65 characters long; at most 64/],
    ['retrieve --device', ['retrieve', '--device', 'keep-1', '--device', x(254)], /--device is 254 characters long; at most 253/],
    ['schedules add --tag', ['schedules', 'add', '--cron', '0 2 * * *', '--tag', x(65)], /tag is 65 characters long/],
    ['configs show HOSTNAME', ['configs', 'show', x(254)], /hostname is 254 characters long/],
    ['configs history HOSTNAME', ['configs', 'history', x(254)], /hostname is 254 characters long/],
  ])('filter %s beyond its maximum', async (_name, args, what) => {
    refused(await cli(args), what);
  });

  it('schedules add --cron longer than 200 characters', async () => {
    refused(await cli(['schedules', 'add', '--cron', `0 2 * * * ${x(200)}`]), /--cron is 210 characters long; at most 200/);
  });

  it('settings set: a value longer than 1,000 characters, for a text and for a number setting', async () => {
    refused(await cli(['settings', 'set', 'retrieval.schedule', x(1001)]), /value is 1001 characters long; at most 1000/);
    refused(await cli(['settings', 'set', 'retrieval.concurrency', x(1001, '9')]), /value is 1001 characters long/);
  });

  it('settings set: a schedule setting longer than a cron expression may be (200) breaks its rule', async () => {
    const result = await cli(['settings', 'set', 'retrieval.schedule', `0 2 * * * ${x(200)}`]);
    expect(expectOneLineError(result, 'SETTINGS_INVALID', 65)).toMatch(/setting retrieval.schedule: at most 200 characters/);
    expect(result.stderr).not.toMatch(/x{80}/);
  });

  it('devices add: a hostname, a tag and --ssh-options beyond their maximum', async () => {
    refused(await cli(['devices', 'add', x(254), '--ip', '192.0.2.7', '--type', 'cisco_ios']), /hostname is 254 characters long/);
    refused(await cli(['devices', 'add', 'new-1', '--ip', '192.0.2.7', '--type', 'cisco_ios', '--tag', x(65)]), /tag is 65 characters long/);
    const ssh = JSON.stringify({ algorithms: { kex: [x(INPUT_LIMITS.sshOptions)] } });
    refused(await cli(['devices', 'add', 'new-1', '--ip', '192.0.2.7', '--type', 'cisco_ios', '--ssh-options', ssh]), /--ssh-options is 16411 characters long; at most 16384/);
  });

  it('devices import: a field over 4,096 characters is a bad line; nothing is imported', async () => {
    const file = path.join(home, 'long-field.csv');
    fs.writeFileSync(file, `hostname,ip,device_type,tags\nok-1,192.0.2.8,cisco_ios,core\nok-2,192.0.2.9,cisco_ios,${x(4097)}\n`);
    const result = await cli(['devices', 'import', file]);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(`${file}:3: field tags is 4097 characters long; at most 4096 are accepted`);
    expect(result.stderr).toMatch(/netraven: INPUT_INVALID: .*1 bad line; nothing was imported\n$/);
    expect(result.stderr).not.toMatch(/x{80}/);
  });

  it('credentials add: a name, a username and a secret beyond their maximum', async () => {
    refused(await cli(['credentials', 'add', '--name', x(101), '--username', 'ops', '--tag', 'core'], 'pw\n'), /credential name .* is longer than 100 characters/);
    refused(await cli(['credentials', 'add', '--name', 'ro', '--username', x(201), '--tag', 'core'], 'pw\n'), /is longer than 200 characters/);
    refused(await cli(['credentials', 'add', '--name', 'ro', '--username', 'ops', '--tag', 'core'], `${x(1025)}\n`), /longer than 1024 bytes/);
  });

  it.each([
    ['jobs list --after', ['jobs', 'list', '--after', x(1025)]],
    ['jobs show ID', ['jobs', 'show', x(1025)]],
    ['devices accept-hostkey --fingerprint', ['devices', 'accept-hostkey', 'keep-1', '--fingerprint', x(1025)]],
    ['configs show --version', ['configs', 'show', 'keep-1', '--version', x(1025)]],
    ['settings get KEY', ['settings', 'get', x(1025)]],
  ])('any other argument: %s over 1,024 characters', async (_name, args) => {
    refused(await cli(args), /is 1025 characters long; at most 1024 are accepted/);
  });
});
