import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportError } from '../../../src/cli/report-error.js';
import { asDatabaseError } from '../../../src/db/pg-errors.js';
import { expectOneLineError, runCli, type CliResult } from '../../support/cli.js';
import { adminQuery, useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { startTestWorker } from '../../support/jobs.js';
import { tempDir } from '../../support/keyring.js';
import { loginAs, type RoleLogin } from '../../support/role-login.js';

// Every class of PostgreSQL error an operator can cause or fix, produced for real against the
// test server: one line `netraven: CODE: what to do`, no SQL text unless --verbose, and nothing
// stored changed.
describe('PostgreSQL error classes through the real CLI', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-pgerr-');
  const keyFile = path.join(home, 'keyring.json');
  const logins: RoleLogin[] = [];
  const as = (login: RoleLogin, args: string[], input?: string) =>
    runCli(args, { env: { DATABASE_URL: login.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile }, input });
  const login = async (group: 'netraven_app' | 'netraven_readonly', ...settings: string[]) => {
    const made = await loginAs(group, db.url);
    logins.push(made);
    for (const setting of settings) await adminQuery(`ALTER ROLE ${made.name} ${setting}`);
    return made;
  };
  const setting = async (key: string) => (await db.knex('system_settings').where({ key }).first('value')).value;
  const noSql = (result: CliResult) => expect(result.stderr).not.toMatch(/\b(insert into|select |update |delete from)/i);

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile } })).code).toBe(0);
    await db.knex('devices').insert({ hostname: 'stays', ipAddress: '192.0.2.1', deviceType: 'cisco_ios' });
  });
  afterAll(async () => {
    for (const made of logins) await made.drop();
  });

  describe('insufficient privilege (a netraven_readonly login)', () => {
    let readonly: RoleLogin;
    beforeAll(async () => {
      readonly = await login('netraven_readonly');
    });

    it.each([
      ['settings set', ['settings', 'set', 'retrieval.concurrency', '60']],
      ['retrieve', ['retrieve', '--all']],
      ['keys rotate', ['keys', 'rotate']],
      ['devices add', ['devices', 'add', 'new-one', '--ip', '192.0.2.9', '--type', 'cisco_ios']],
    ])('%s: DATABASE_PERMISSION_DENIED, exit 77, nothing changed', async (_name, args) => {
      const before = await db.knex('jobs').count('* as n').first();
      const result = await as(readonly, args);
      expect(expectOneLineError(result, 'DATABASE_PERMISSION_DENIED', 77)).toMatch(/permission denied for table \w+: .*netraven_app/);
      noSql(result);
      expect(await setting('retrieval.concurrency')).toBe(50);
      expect(await db.knex('jobs').count('* as n').first()).toEqual(before);
      expect(await db.knex('devices').pluck('hostname')).toEqual(['stays']);
    });

    it('--verbose adds the statement, with parameters by size only: no value, no secret', async () => {
      const result = await as(readonly, ['--verbose', 'credentials', 'add', '--name', 'core-ro', '--username', 'netops', '--tag', 'core'], 'hunter2-device-password\n');
      expect(result.stderr.split('\n')[0]).toMatch(/^netraven: DATABASE_PERMISSION_DENIED: /);
      expect(result.stderr).toMatch(/^statement: insert into "credentials" /m);
      // The sealed secret as its size, names as their length, the id and the priority as they are.
      expect(result.stderr).toMatch(/^parameters: (\$\d+ = (null|[0-9a-f-]{36}|\d+|text\(\d+ characters\)|bytes\(\d+\))(, |$))+$/m);
      expect(result.stderr).toMatch(/= bytes\(\d+\)/);
      expect(result.stderr).not.toMatch(/hunter2|core-ro|netops|v1\./);
    });
  });

  it('disk full (SQLSTATE 53100 raised by a trigger, as the server reports it): DATABASE_DISK_FULL, nothing stored', async () => {
    // Simulated: a real full disk needs a tiny filesystem mounted for a tablespace (root only).
    // The message and SQLSTATE are those of PostgreSQL's own md.c ("could not extend file").
    await db.knex.raw(`CREATE FUNCTION test_disk_full() RETURNS trigger AS $$ BEGIN
      RAISE EXCEPTION 'could not extend file "base/16384/16410": No space left on device' USING ERRCODE = 'disk_full', HINT = 'Check free disk space.';
    END $$ LANGUAGE plpgsql`);
    await db.knex.raw('CREATE TRIGGER test_disk_full BEFORE INSERT ON devices FOR EACH ROW EXECUTE FUNCTION test_disk_full()');
    try {
      const app = await login('netraven_app');
      const result = await as(app, ['devices', 'add', 'new-one', '--ip', '192.0.2.9', '--type', 'cisco_ios']);
      expect(expectOneLineError(result, 'DATABASE_DISK_FULL', 74)).toMatch(/No space left on device\): free space or grow/);
      noSql(result);
      expect(await db.knex('devices').pluck('hostname')).toEqual(['stays']);
    } finally {
      await db.knex.raw('DROP TRIGGER test_disk_full ON devices; DROP FUNCTION test_disk_full()');
    }
  });

  it('read-only transaction (default_transaction_read_only for the login): DATABASE_READ_ONLY', async () => {
    const app = await login('netraven_app', 'SET default_transaction_read_only = on');
    const result = await as(app, ['devices', 'add', 'new-one', '--ip', '192.0.2.9', '--type', 'cisco_ios']);
    expect(expectOneLineError(result, 'DATABASE_READ_ONLY', 78)).toMatch(/read-only transaction: .*primary/);
    noSql(result);
    expect(await db.knex('devices').pluck('hostname')).toEqual(['stays']);
  });

  describe('while another session holds the setting row', () => {
    let holder: Knex.Transaction;
    beforeAll(async () => {
      await db.knex('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: JSON.stringify(50) });
    });
    const hold = async () => {
      holder = await db.knex.transaction();
      await holder('system_settings').where({ key: 'retrieval.concurrency' }).forUpdate().select('key');
    };
    const blockedCli = () =>
      eventually(async () => {
        const { rows } = await db.knex.raw("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name LIKE 'netraven:%'");
        return rows[0]?.pid as number | undefined;
      }, 20_000, 'the CLI waiting on the row lock');

    it('connection lost (pg_terminate_backend): DATABASE_CONNECTION_LOST, setting unchanged', async () => {
      const app = await login('netraven_app');
      await hold();
      const running = as(app, ['settings', 'set', 'retrieval.concurrency', '61']);
      // The client sees the server's FATAL 57P01, or only the socket closing, whichever comes first.
      await db.knex.raw('SELECT pg_terminate_backend(?)', [await blockedCli()]);
      const result = await running;
      await holder.rollback();
      expect(expectOneLineError(result, 'DATABASE_CONNECTION_LOST', 69)).toMatch(/lost mid-command \((terminating connection due to administrator command|Connection terminated unexpectedly)\): check whether/);
      expect(await setting('retrieval.concurrency')).toBe(50);
    });

    it('statement timeout (statement_timeout on the login): DATABASE_TIMEOUT, setting unchanged', async () => {
      const app = await login('netraven_app', "SET statement_timeout = '300ms'");
      await hold();
      const result = await as(app, ['settings', 'set', 'retrieval.concurrency', '62']);
      await holder.rollback();
      expect(expectOneLineError(result, 'DATABASE_TIMEOUT', 75)).toMatch(/canceling statement due to statement timeout .*run the command again/);
      noSql(result);
      expect(await setting('retrieval.concurrency')).toBe(50);
    });

    it('serialization failure (a repeatable-read login loses to a concurrent update): DATABASE_CONFLICT', async () => {
      const app = await login('netraven_app', "SET default_transaction_isolation = 'repeatable read'");
      await hold();
      const running = as(app, ['settings', 'set', 'retrieval.concurrency', '63']);
      await blockedCli();
      await holder('system_settings').where({ key: 'retrieval.concurrency' }).update({ value: JSON.stringify(77) });
      await holder.commit();
      const result = await running;
      expect(expectOneLineError(result, 'DATABASE_CONFLICT', 75)).toMatch(/could not serialize access due to concurrent update; nothing was changed: run the command again/);
      expect(await setting('retrieval.concurrency')).toBe(77);
    });
  });

  it('too many connections (CONNECTION LIMIT 0 on the login): DATABASE_TOO_MANY_CONNECTIONS', async () => {
    const app = await login('netraven_app', 'CONNECTION LIMIT 0');
    const result = await as(app, ['devices', 'list']);
    expect(expectOneLineError(result, 'DATABASE_TOO_MANY_CONNECTIONS', 75)).toMatch(/too many connections for role "t_app_\w+": .*CONNECTION LIMIT/);
  });

  it('string too long (varchar overflow, and an index row over the btree limit): INPUT_INVALID without the value', async () => {
    await db.knex.raw('CREATE TABLE test_short (v varchar(5))');
    const varchar = await db.knex('test_short').insert({ v: 'far-too-long' }).catch((err: unknown) => err);
    const name = randomBytes(4000).toString('hex');
    const indexRow = await db.knex('credentials').insert({ name, username: 'ops', secret: Buffer.from('sealed'), keyId: 'k1' }).catch((err: unknown) => err);
    for (const [err, server] of [[varchar, /value too long for type character varying\(5\)/], [indexRow, /index row size \d+ exceeds/]] as const) {
      expect(asDatabaseError(err)?.code).toBe('INPUT_INVALID');
      const lines: string[] = [];
      expect(reportError(err, false, (t) => lines.push(t))).toBe(65);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(server);
      expect(lines[0]).toMatch(/^netraven: INPUT_INVALID: .*shorten/);
      expect(lines[0]).not.toMatch(/far-too-long|insert into/);
      expect(lines[0]!.length).toBeLessThan(400);
      expect((err as Error).message).not.toContain(name.slice(0, 40));
    }
    expect(await db.knex('credentials').count('* as n').first()).toEqual({ n: '0' });
  });

  it('a job failing on a database error stores the class, not INTERNAL and no SQL', async () => {
    await db.knex.raw(`CREATE FUNCTION test_full() RETURNS void AS $$ BEGIN
      RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full';
    END $$ LANGUAGE plpgsql`);
    await startTestWorker(db.knex, db.url, {
      purge: async (context) => {
        await context.db.raw('SELECT test_full()');
        return { status: 'succeeded' };
      },
    });
    const [job] = await db.knex('jobs').insert({ kind: 'purge' }).returning('id');
    const row = await eventually(async () => {
      const found = await db.knex('jobs').where({ id: job.id, status: 'failed' }).first('errorCode', 'error');
      return found as { errorCode: string; error: string } | undefined;
    });
    expect(row.errorCode).toBe('DATABASE_DISK_FULL');
    expect(row.error).not.toMatch(/select test_full/i);
  });
});
