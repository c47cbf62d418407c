import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { runCli } from '../../support/cli.js';
import { expectAllOpen, type KnownSecrets } from '../../support/credentials.js';
import { fillEveryTable, snapshotTables } from '../../support/fill-database.js';
import { tempDir, tempKeyring } from '../../support/keyring.js';
import { debianBin, OWNER, postgresUser, startShippedPostgres, type ShippedServer } from '../../support/shipped-postgres.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const BACKUP = path.join(ROOT, 'scripts/backup.sh');
const RESTORE = path.join(ROOT, 'scripts/restore.sh');

interface ScriptResult { code: number | null; stdout: string; stderr: string }

function runScript(script: string, args: string[], env: Record<string, string>, options: { input?: string; uid?: number; gid?: number } = {}): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, uid: options.uid, gid: options.gid });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A script that refuses early does not read its input.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** One refusal: exit 1, exactly one line (after the confirmation prompt, if any) starting with `script.sh: `. */
function oneLine(result: ScriptResult, name: string): string {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.replace(/^.*Type the database name to go on: /, '').trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${name}: `));
  return lines[0]!;
}

describe('scripts/backup.sh and scripts/restore.sh (pg_dump -Fc) against the shipped configuration', () => {
  let server: ShippedServer;
  let source: Knex;
  let known: KnownSecrets;
  const keyring = tempKeyring();
  const dir = tempDir('netraven-dumps-');
  const backups = path.join(dir, 'backups');
  // As in the postgres container: the owner over the socket, its password from POSTGRES_PASSWORD_FILE.
  const container = (database: string) => ({
    PATH: `${server.bin}:${process.env.PATH ?? ''}`, PGHOST: server.socketDir, PGPORT: String(server.port),
    POSTGRES_USER: OWNER, POSTGRES_DB: database, POSTGRES_PASSWORD_FILE: server.ownerPasswordFile,
  });
  const dumps = () => fs.readdirSync(backups).filter((f) => f.endsWith('.dump')).sort();

  beforeAll(async () => {
    // Debian's server and pg_dump of the same major: the harness's embedded binaries ship no pg_dump.
    const bin = debianBin();
    if (!bin) throw new Error('these tests need a PostgreSQL server and pg_dump of one major version (Debian: apt-get install postgresql); .ci/run installs it');
    server = await startShippedPostgres(bin);
    const admin = new pg.Client({ host: server.socketDir, port: server.port, user: OWNER, password: server.ownerPassword, database: 'postgres' });
    await admin.connect();
    for (const name of ['netraven', 'restored', 'untouched']) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const init = await runCli(['db', 'init'], { env: { DATABASE_URL: server.url(OWNER, 'netraven'), DATABASE_PASSWORD_FILE: server.ownerPasswordFile, NETRAVEN_KEY_FILE: keyring.file } });
    expect(init.code, init.stderr).toBe(0);
    const url = new URL(server.url(OWNER, 'netraven'));
    url.password = server.ownerPassword;
    source = createKnex(url.toString(), 2);
    known = await fillEveryTable(source, keyring);
    fs.mkdirSync(backups);
  });
  afterAll(async () => {
    await source?.destroy();
    await server?.stop();
  });

  it('backup.sh in the container way (socket, POSTGRES_PASSWORD_FILE) writes a verified dump, prints its path and keeps the newest N', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1_100));
      const result = await runScript(BACKUP, ['--dir', backups, '--keep', '2'], container('netraven'));
      expect(result.code, result.stderr).toBe(0);
      made.push(result.stdout.trim());
      expect(result.stdout.trim()).toMatch(new RegExp(`^${backups}/netraven-\\d{8}T\\d{6}Z\\.dump$`));
      expect(result.stderr).toContain('backup.sh: the keyring is not in this dump: back up the keyring folder');
    }
    expect(dumps()).toEqual(made.slice(1).map((f) => path.basename(f)));
    expect(fs.statSync(made[2]!).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('backup.sh from a host, over TLS with verify-full', async () => {
    // Dump names have a one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const result = await runScript(BACKUP, ['--dir', backups, '--keep', '5'], {
      PATH: `${server.bin}:${process.env.PATH ?? ''}`, PGHOST: 'localhost', PGPORT: String(server.port), PGUSER: OWNER, PGDATABASE: 'netraven',
      PGSSLMODE: 'verify-full', PGSSLROOTCERT: path.join(server.certs, 'ca.crt'), POSTGRES_PASSWORD_FILE: server.ownerPasswordFile,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.existsSync(result.stdout.trim())).toBe(true);
  });

  it('restore.sh into an empty database after the typed name: every row identical, every credential opens with the same keyring', async () => {
    const dump = path.join(backups, dumps().at(-1)!);
    const result = await runScript(RESTORE, [dump], container('restored'), { input: 'restored\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`restore.sh: restored ${dump} into database restored`);
    expect(result.stderr).toContain('the keyring is not in the dump');
    const url = new URL(server.url(OWNER, 'restored'));
    url.password = server.ownerPassword;
    const restored = createKnex(url.toString(), 2);
    try {
      expect(await snapshotTables(restored)).toEqual(await snapshotTables(source));
      await expectAllOpen(restored, keyring.file, known);
    } finally {
      await restored.destroy();
    }
  });

  it('bad input stops each script with one line and changes nothing', async () => {
    const dump = path.join(backups, dumps().at(-1)!);
    const size = fs.statSync(dump).size;
    const cut = path.join(dir, 'cut.dump');
    fs.writeFileSync(cut, fs.readFileSync(dump).subarray(0, size - 200));
    const garbage = path.join(dir, 'garbage.dump');
    fs.writeFileSync(garbage, 'not a dump\n');
    const empty = path.join(dir, 'empty-password');
    fs.writeFileSync(empty, '');

    expect(oneLine(await runScript(RESTORE, [dump], container('netraven'), { input: 'netraven\n' }), 'restore.sh')).toMatch(/database netraven already has \d+ tables: restore only into an empty database/);
    expect(oneLine(await runScript(RESTORE, [dump], container('untouched'), { input: 'netraven\n' }), 'restore.sh')).toContain('not confirmed (expected the database name untouched): nothing was changed');
    expect(oneLine(await runScript(RESTORE, [cut], container('untouched'), { input: 'untouched\n' }), 'restore.sh')).toMatch(/cut\.dump is not a complete pg_dump archive \(pg_restore: error: could not read from input file: end of file\)/);
    expect(oneLine(await runScript(RESTORE, [garbage], container('untouched'), { input: 'untouched\n' }), 'restore.sh')).toContain('is not a complete pg_dump archive');
    expect(oneLine(await runScript(RESTORE, [path.join(dir, 'missing.dump')], container('untouched')), 'restore.sh')).toContain('is not a readable file');
    expect(oneLine(await runScript(RESTORE, [dump], { ...container('untouched'), POSTGRES_PASSWORD_FILE: empty }), 'restore.sh')).toContain('is empty');

    const before = dumps();
    // A folder of its own: dumps are named by the second, and one made by the test before may share this second
    // ("already exists: wait a second"), which would hide the error under test.
    const attempts = path.join(dir, 'attempts');
    fs.mkdirSync(attempts);
    expect(oneLine(await runScript(BACKUP, ['--dir', attempts], { ...container('netraven'), POSTGRES_PASSWORD_FILE: empty }), 'backup.sh')).toContain('is empty: it must hold the owner\'s password');
    const wrong = path.join(dir, 'wrong-password');
    fs.writeFileSync(wrong, 'not-the-owner-password\n');
    expect(oneLine(await runScript(BACKUP, ['--dir', attempts], { ...container('netraven'), POSTGRES_PASSWORD_FILE: wrong }), 'backup.sh')).toMatch(/pg_dump of netraven failed: .*password authentication failed for user "netraven" \(nothing was written\)/);
    expect(oneLine(await runScript(BACKUP, ['--dir', backups, '--keep', '0'], container('netraven')), 'backup.sh')).toContain('--keep (NETRAVEN_BACKUP_KEEP) must be a whole number from 1 to 9999');
    expect(fs.readdirSync(attempts)).toEqual([]);
    expect(oneLine(await runScript(BACKUP, ['--dir', path.join(dir, 'nope')], container('netraven')), 'backup.sh')).toContain('does not exist');
    const user = postgresUser();
    if (user) {
      const locked = path.join(dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o755 });
      fs.chmodSync(dir, 0o755);
      const copy = path.join(locked, '..', 'owner-password-for-postgres');
      fs.copyFileSync(server.ownerPasswordFile, copy);
      fs.chownSync(copy, user.uid, user.gid);
      const result = await runScript(BACKUP, ['--dir', locked], { ...container('netraven'), POSTGRES_PASSWORD_FILE: copy }, user);
      expect(oneLine(result, 'backup.sh')).toContain(`cannot write to ${locked} as uid ${user.uid}: make it writable by that user`);
      expect(fs.readdirSync(locked)).toEqual([]);
    }
    expect(dumps()).toEqual(before);
    expect(fs.readdirSync(backups).filter((f) => f.includes('partial'))).toEqual([]);

    const url = new URL(server.url(OWNER, 'untouched'));
    url.password = server.ownerPassword;
    const untouched = createKnex(url.toString(), 1);
    try {
      expect((await untouched.raw("SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")).rows[0].n).toBe(0);
    } finally {
      await untouched.destroy();
    }
  });
});
