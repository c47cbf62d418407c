import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/connection.js';
import { adminQuery, createEmptyDatabase, useTestDatabase } from '../../support/database.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { loginAs } from '../../support/role-login.js';
import { closedPort } from '../../support/ports.js';

const db = useTestDatabase();

describe('CLI against a bad or unusable database', () => {
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
  });

  it('a malformed DATABASE_URL: one line, exit 78', async () => {
    const result = await runCli(['db', 'status'], { env: { DATABASE_URL: 'http://example' } });
    expectOneLineError(result, 'DATABASE_URL_INVALID');
    expect(result.code).toBe(78);
  });

  it('an unreachable server names the redacted URL; --verbose adds the stack', async () => {
    const url = `postgres://ops:hunter2@127.0.0.1:${port}/netraven`;
    const result = await runCli(['db', 'status'], { env: { DATABASE_URL: url } });
    expectOneLineError(result, 'DATABASE_UNREACHABLE');
    expect(result.stderr).toContain('ops:***@');
    expect(result.stderr).not.toContain('hunter2');
    const verbose = await runCli(['--verbose', 'db', 'status'], { env: { DATABASE_URL: url } });
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(verbose.stderr).not.toContain('hunter2');
  });

  it('a wrong password is DATABASE_AUTH_FAILED', async () => {
    const url = new URL(db.url);
    url.password = 'wrong-password';
    expectOneLineError(await runCli(['db', 'status'], { env: { DATABASE_URL: url.toString() } }), 'DATABASE_AUTH_FAILED');
  });

  it('a database with a newer schema is refused and left unchanged', async () => {
    const future = await createEmptyDatabase();
    const knex = createKnex(future.url, 2);
    try {
      expect((await runCli(['db', 'init'], { env: { DATABASE_URL: future.url } })).code).toBe(0);
      await knex('knex_migrations').insert({ name: '20991231000000_future.ts', batch: 2, migrationTime: new Date() });
      await knex('tags').insert({ name: 'keep-me' });
      const before = await knex('system_settings').select('*').orderBy('key');

      for (const args of [['db', 'init'], ['settings', 'list']]) {
        const result = await runCli(args, { env: { DATABASE_URL: future.url } });
        expectOneLineError(result, 'SCHEMA_TOO_NEW');
        expect(result.stderr).toContain('upgrade NetRaven');
      }
      expect(await knex('system_settings').select('*').orderBy('key')).toEqual(before);
      expect(await knex('tags').orderBy('name').pluck('name')).toEqual(['default', 'keep-me']);
    } finally {
      await knex.destroy();
      await future.drop();
    }
  });

  it('an uninitialised database asks for `netraven db init`', async () => {
    const empty = await createEmptyDatabase();
    try {
      const result = await runCli(['settings', 'list'], { env: { DATABASE_URL: empty.url } });
      expectOneLineError(result, 'DATABASE_NOT_INITIALISED');
      expect(result.stderr).toContain('netraven db init');
    } finally {
      await empty.drop();
    }
  });

  it('init without permission fails with what to do, and creates nothing', async () => {
    const empty = await createEmptyDatabase();
    const login = await loginAs('netraven_readonly', empty.url);
    try {
      const result = await runCli(['db', 'init'], { env: { DATABASE_URL: login.url } });
      expectOneLineError(result, 'DATABASE_PERMISSION_DENIED');
      expect(result.stderr).toMatch(/knex\/init\/00-extensions\.sql/);
      const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname = $1`, [empty.name]);
      expect(rows).toHaveLength(1);
      const knex = createKnex(empty.url, 1);
      const tables = await knex.raw("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      await knex.destroy();
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await login.drop();
      await empty.drop();
    }
  });
});

describe('CLI on a working database', () => {
  let env: Record<string, string>;
  beforeAll(() => {
    env = { DATABASE_URL: db.url };
  });
  afterAll(() => undefined);

  it('db init a second time changes nothing and says so', async () => {
    const result = await runCli(['db', 'init'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('database already initialised: nothing changed\n');
  });

  it('db status --json reports versions and every table', async () => {
    const result = await runCli(['db', 'status', '--json'], { env });
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.schemaVersion).toBe('20261128000000_baseline');
    expect(status.serverVersion).toMatch(/^\d+/);
    expect(Object.keys(status.rowCounts)).toHaveLength(9);
    expect(status.database).not.toContain(new URL(db.url).password);
  });

  it('settings list pages with --limit/--after and set refuses a bad value, keeping the old one', async () => {
    const first = JSON.parse((await runCli(['settings', 'list', '--json', '--limit', '5'], { env })).stdout);
    expect(first.items).toHaveLength(5);
    expect(typeof first.next).toBe('string');
    const second = JSON.parse((await runCli(['settings', 'list', '--json', '--limit', '5', '--after', first.next], { env })).stdout);
    expect(second.items[0].key > first.items[4].key).toBe(true);

    const bad = await runCli(['settings', 'set', 'retrieval.concurrency', '-4'], { env });
    expectOneLineError(bad, 'SETTINGS_INVALID');
    expect(bad.stderr).toContain('retrieval.concurrency');
    expect((await runCli(['settings', 'get', 'retrieval.concurrency'], { env })).stdout).toBe('50\n');
    expect((await runCli(['settings', 'set', 'retrieval.concurrency', '80'], { env })).stdout).toBe('retrieval.concurrency = 80\n');
    expect((await runCli(['settings', 'list', '--limit', '0'], { env })).code).not.toBe(0);
    expect((await runCli(['settings', 'list', '--limit', 'lots'], { env })).stderr).toMatch(/must be a whole number/);
  });

  it.each([[['--help']], [['db', '--help']], [['db', 'init', '--help']], [['db', 'status', '--help']], [['settings', 'list', '--help']], [['settings', 'set', '--help']], [['start', '--help']]])('%j prints help and exits 0', async (args) => {
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: netraven/);
  });
});
