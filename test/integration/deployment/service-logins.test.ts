import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { verifierMatches } from '../../../src/db/scram-verifier.js';
import { expectOneLineError, runCli, transcript } from '../../support/cli.js';
import { startDaemonProcess } from '../../support/daemon-process.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { eventually } from '../../support/eventually.js';
import { tempDir } from '../../support/keyring.js';
import { embeddedBin, OWNER, startShippedPostgres, type ShippedServer } from '../../support/shipped-postgres.js';

const LOGINS = { netraven_daemon: 'netraven_app', netraven_console: 'netraven_app', netraven_rotator: 'netraven_keyrotation' } as const;
type Login = keyof typeof LOGINS;
const PERMISSION_DENIED = /permission denied|must be owner|row-level security/;

describe('a login per service, made by db init from password files, over TLS with the shipped configuration', () => {
  let server: ShippedServer;
  let admin: Knex;
  let device: SimulatedDevice;
  const dir = tempDir('netraven-logins-');
  const keyFile = path.join(dir, 'keys', 'keyring.json');
  const passwords: Record<Login, string> = { netraven_daemon: 'daemon-Pass-0123456789', netraven_console: 'console-Pass-0123456789', netraven_rotator: 'rotator-Pass-0123456789' };
  const file = (login: string) => path.join(dir, `${login}_password`);
  const loginFiles = (Object.keys(LOGINS) as Login[]).map((login) => `${login}=${file(login)}`).join(',');
  const ownerEnv = () => ({ DATABASE_URL: server.url(OWNER, 'netraven'), DATABASE_PASSWORD_FILE: server.ownerPasswordFile, NETRAVEN_KEY_FILE: keyFile, NETRAVEN_LOGIN_PASSWORD_FILES: loginFiles });
  const as = (login: Login) => ({ DATABASE_URL: server.url(login, 'netraven'), DATABASE_PASSWORD_FILE: file(login), NETRAVEN_KEY_FILE: keyFile });
  const knexAs = (login: Login, password = passwords[login]) => {
    const url = new URL(server.url(login, 'netraven'));
    url.password = encodeURIComponent(password);
    return createKnex(url.toString(), 2);
  };

  beforeAll(async () => {
    server = await startShippedPostgres(await embeddedBin());
    const client = new pg.Client({ host: server.socketDir, port: server.port, user: OWNER, password: server.ownerPassword, database: 'postgres' });
    await client.connect();
    await client.query('CREATE DATABASE netraven');
    await client.query('CREATE DATABASE fresh');
    await client.end();
    const ownerUrl = new URL(server.url(OWNER, 'netraven'));
    ownerUrl.password = server.ownerPassword;
    admin = createKnex(ownerUrl.toString(), 2);
    fs.mkdirSync(path.dirname(keyFile), { mode: 0o700 });
    for (const login of Object.keys(LOGINS) as Login[]) fs.writeFileSync(file(login), `${passwords[login]}\n`, { mode: 0o400 });
    device = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'first-sw', enableSecret: 'enable-pass' });
  });
  afterAll(async () => {
    await device?.close();
    await admin?.destroy();
    await server?.stop();
  });

  async function roles(): Promise<Record<string, { attributes: string; groups: string[]; verifier: string }>> {
    const { rows } = await admin.raw<{ rows: Array<{ rolname: string; attributes: string; groups: string[]; rolpassword: string }> }>(`
      SELECT r.rolname, concat_ws(',', r.rolcanlogin, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls, r.rolinherit) AS attributes,
             ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) AS groups, r.rolpassword
        FROM pg_authid r WHERE r.rolname = ANY(?) ORDER BY 1`, [Object.keys(LOGINS)]);
    return Object.fromEntries(rows.map((r) => [r.rolname, { attributes: r.attributes, groups: r.groups, verifier: r.rolpassword }]));
  }

  it('db init as the owner creates the schema and one login per service, each only in its group; a second run changes nothing', async () => {
    const first = await runCli(['db', 'init'], { env: ownerEnv() });
    expect(first.code, first.stderr).toBe(0);
    for (const [login, group] of Object.entries(LOGINS)) expect(first.stdout).toContain(`created login ${login} (in ${group})\n`);
    expect(first.stdout).toContain('added the tag default\n');

    const made = await roles();
    for (const [login, group] of Object.entries(LOGINS) as Array<[Login, string]>) {
      expect(made[login]).toMatchObject({ attributes: 't,f,f,f,f,f,t', groups: [group] });
      expect(made[login]!.verifier).toMatch(/^SCRAM-SHA-256\$4096:/);
      expect(verifierMatches(made[login]!.verifier, passwords[login])).toBe(true);
    }

    const second = await runCli(['db', 'init'], { env: ownerEnv() });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('database already initialised: nothing changed\n');
    expect(await roles()).toEqual(made);
  });

  it('a changed password file changes that login alone; an extra role or power given to a login is taken away again', async () => {
    const before = await roles();
    passwords.netraven_console = 'console-Pass-changed-987654';
    fs.chmodSync(file('netraven_console'), 0o600);
    fs.writeFileSync(file('netraven_console'), passwords.netraven_console);
    await admin.raw('GRANT netraven_keyrotation TO netraven_daemon');
    await admin.raw('ALTER ROLE netraven_rotator CREATEDB');

    const run = await runCli(['db', 'init'], { env: ownerEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').sort()).toEqual([
      'changed the password of login netraven_console',
      'reset the attributes of login netraven_rotator (LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT)',
      'revoked netraven_keyrotation from netraven_daemon (a service login holds only its own group role)',
    ]);
    const after = await roles();
    expect(after.netraven_daemon).toEqual(before.netraven_daemon);
    expect(after.netraven_rotator).toEqual(before.netraven_rotator);
    expect(verifierMatches(after.netraven_console!.verifier, passwords.netraven_console)).toBe(true);
    const oldUrl = new URL(server.url('netraven_console', 'netraven'));
    oldUrl.password = 'console-Pass-0123456789';
    const old = new pg.Client({ connectionString: oldUrl.toString() });
    old.on('error', () => undefined);
    await expect(old.connect()).rejects.toMatchObject({ code: '28P01' });
    await old.end().catch(() => undefined);
  });

  it('bad password files stop db init with one line before anything is changed', async () => {
    const fresh = { ...ownerEnv(), DATABASE_URL: server.url(OWNER, 'fresh') };
    const before = await roles();
    const write = (name: string, content: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content, { mode: 0o600 });
      return p;
    };
    const cases: Array<[string, string, RegExp]> = [
      [`netraven_daemon=${path.join(dir, 'missing')}`, 'SECRET_FILE_INVALID', /missing does not exist/],
      [`netraven_daemon=${write('empty', '\n')}`, 'SECRET_FILE_INVALID', /empty is empty: write the password into it/],
      [`netraven_daemon=${write('short', 'short\n')}`, 'SECRET_FILE_INVALID', /at least 16 printable ASCII characters/],
      [`netraven_daemon=${write('accents', 'pässwörd-pässwörd-1\n')}`, 'SECRET_FILE_INVALID', /printable ASCII/],
      [`netraven_daemon=${write('lines', 'first-line-0123456789\nsecond\n')}`, 'SECRET_FILE_INVALID', /more than one line/],
      [`netraven_superuser=${file('netraven_daemon')}`, 'CONFIG_INVALID', /service logins are netraven_daemon, netraven_console, netraven_rotator/],
      [`${loginFiles},netraven_daemon=${file('netraven_daemon')}`, 'CONFIG_INVALID', /names netraven_daemon twice/],
      ['netraven_daemon', 'CONFIG_INVALID', /login=file pairs/],
    ];
    for (const [value, code, message] of cases) {
      const result = await runCli(['db', 'init'], { env: { ...fresh, NETRAVEN_LOGIN_PASSWORD_FILES: value } });
      expect(expectOneLineError(result, code, 78), value).toMatch(message);
    }
    const empty = { ...fresh, DATABASE_PASSWORD_FILE: write('owner-empty', '') };
    expectOneLineError(await runCli(['db', 'init'], { env: empty }), 'SECRET_FILE_INVALID', 78);

    const freshUrl = new URL(server.url(OWNER, 'fresh'));
    freshUrl.password = server.ownerPassword;
    const freshKnex = createKnex(freshUrl.toString(), 1);
    expect((await freshKnex.raw("SELECT to_regclass('public.knex_migrations') AS t")).rows[0].t).toBeNull();
    await freshKnex.destroy();
    expect(await roles()).toEqual(before);
  }, 180_000);

  it('a wrong password secret is refused in one line that names the file to check', async () => {
    const wrong = path.join(dir, 'wrong');
    fs.writeFileSync(wrong, 'not-the-daemon-password-42', { mode: 0o600 });
    const err = expectOneLineError(await runCli(['devices', 'list'], { env: { ...as('netraven_daemon'), DATABASE_PASSWORD_FILE: wrong } }), 'DATABASE_AUTH_FAILED', 77);
    expect(err).toContain(`the password is read from ${wrong}`);
  });

  it('each login does its job: the console adds a device and a credential and asks for a retrieval, the daemon retrieves, the rotator rotates', async () => {
    const console = (args: string[], input?: string) => runCli(args, { env: as('netraven_console'), input });
    const added = await console(['devices', 'add', 'first-sw', '--ip', device.host, '--port', String(device.port), '--type', 'cisco_ios']);
    expect(added.stdout).toContain('tags: default');
    const credential = await console(['credentials', 'add', '--name', 'first', '--username', 'admin', '--tag', 'default', '--enable'], 'admin-pass\nenable-pass\n');
    expect(credential.code, credential.stderr).toBe(0);

    const daemon = startDaemonProcess(server.url('netraven_daemon', 'netraven'), [], { DATABASE_PASSWORD_FILE: file('netraven_daemon'), NETRAVEN_KEY_FILE: keyFile });
    await daemon.waitFor((line) => line.msg === 'daemon: started', 30_000, 'the daemon to start');
    const queued = await console(['retrieve', '--all', '--queue']);
    expect(queued.code, queued.stderr).toBe(0);
    const jobId = queued.stdout.trim();
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () => (await admin('jobs').where({ id: jobId }).first('status'))?.status === 'succeeded', 60_000, 'the retrieval to succeed')
      .catch((err: Error) => {
        throw new Error(`${err.message}\ndaemon: ${daemon.stdout().slice(-3000)}${daemon.stderr()}`);
      });
    expect(await admin('device_configurations').count<Array<{ count: string }>>('* as count')).toEqual([{ count: '1' }]);
    await daemon.stop();

    const rotated = await runCli(['keys', 'rotate'], { env: as('netraven_rotator') });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/^rotated to key \S+: re-sealed 1 of 1 credentials/);
    const verified = await console(['keys', 'verify']);
    expect(verified.stdout).toContain('1 of 1 credentials open');
    for (const secret of [...Object.values(passwords), server.ownerPassword, 'admin-pass', 'enable-pass']) {
      expect(transcript.join('\n')).not.toContain(secret);
      expect(fs.readFileSync(server.log, 'utf8')).not.toContain(secret);
    }
  }, 150_000);

  it('each login is refused what it must not do: no DDL, no roles, no passwords; the rotator sees only credentials\' sealed columns and its own jobs', async () => {
    for (const login of Object.keys(LOGINS) as Login[]) {
      const knex = knexAs(login);
      try {
        for (const sql of ['CREATE TABLE sneaky (id int)', 'DROP TABLE job_logs', 'ALTER TABLE devices ADD COLUMN x int', 'TRUNCATE jobs', 'CREATE INDEX sneaky ON devices (vendor)']) {
          await expect(knex.raw(sql), `${login}: ${sql}`).rejects.toThrow(PERMISSION_DENIED);
        }
        await expect(knex.raw("CREATE ROLE sneaky LOGIN PASSWORD 'x'"), login).rejects.toThrow(/permission denied/);
        await expect(knex.raw(`GRANT netraven_app, netraven_keyrotation TO ${login}`), login).rejects.toThrow(/permission denied|must have admin option/);
        await expect(knex.raw('SELECT rolpassword FROM pg_authid'), login).rejects.toThrow(/permission denied/);
        await expect(knex.raw('CREATE EXTENSION IF NOT EXISTS dblink'), login).rejects.toThrow(/permission denied|not available|could not open/);
      } finally {
        await knex.destroy();
      }
    }
    const rotator = knexAs('netraven_rotator');
    try {
      expect(await rotator('credentials').select('id', 'secret', 'key_id')).toHaveLength(1);
      for (const table of ['devices', 'device_configurations', 'tags', 'device_tags']) {
        await expect(rotator(table).select('*'), table).rejects.toThrow(PERMISSION_DENIED);
      }
      // Row security: of system_settings the rotator sees only the keyring identity record.
      expect((await rotator('system_settings').select('key')).map((row: { key: string }) => row.key)).toEqual(['internal.sealing_keys']);
      await expect(rotator('credentials').select('username')).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotator('credentials').update({ username: 'x' })).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotator('credentials').delete()).rejects.toThrow(PERMISSION_DENIED);
      await expect(rotator('jobs').insert({ kind: 'retrieval' })).rejects.toThrow(PERMISSION_DENIED);
      expect((await rotator('jobs').select('kind')).map((j: { kind: string }) => j.kind)).toEqual(['key_rotation']);
    } finally {
      await rotator.destroy();
    }
  });
});
