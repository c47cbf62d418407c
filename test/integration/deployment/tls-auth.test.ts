import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifierMatches } from '../../../src/db/scram-verifier.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { tempDir } from '../../support/keyring.js';
import { embeddedBin, OWNER, SHIPPED_HBA, startShippedPostgres, type ShippedServer } from '../../support/shipped-postgres.js';

/** url with the password put in (percent-encoded). */
function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function query<T extends pg.QueryResultRow>(config: pg.ClientConfig, sql: string): Promise<T[]> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('the shipped postgresql.conf and pg_hba.conf with a certs.sh certificate (PostgreSQL of the test harness)', () => {
  let server: ShippedServer;
  let owner: (host?: string) => string;
  const home = tempDir('netraven-tls-');
  const env = (url: string, extra: Record<string, string> = {}) => ({ env: { DATABASE_URL: url, NETRAVEN_HOME: home, ...extra } });

  beforeAll(async () => {
    server = await startShippedPostgres(await embeddedBin());
    owner = (host = 'localhost') => withPassword(server.url(OWNER, 'postgres', host), server.ownerPassword);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs with the shipped settings: scram-sha-256 passwords, TLS on, our pg_hba.conf', async () => {
    const rows = await query<{ name: string; setting: string }>({ connectionString: owner() },
      "SELECT name, setting FROM pg_settings WHERE name IN ('password_encryption', 'ssl', 'hba_file', 'max_connections', 'shared_buffers') ORDER BY name");
    expect(Object.fromEntries(rows.map((r) => [r.name, r.setting]))).toEqual({
      hba_file: SHIPPED_HBA, max_connections: '60', password_encryption: 'scram-sha-256', shared_buffers: '32768', ssl: 'on',
    });
  });

  it('SCRAM over TLS with verify-full works for a host name and an IP address the certificate names', async () => {
    for (const host of ['localhost', '127.0.0.1']) {
      const [row] = await query<{ ssl: boolean; version: string; user: string }>({ connectionString: owner(host) },
        'SELECT s.ssl, s.version, current_user AS user FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()');
      expect(row).toMatchObject({ ssl: true, user: OWNER });
      expect(row!.version).toMatch(/^TLSv1\.[23]$/);
    }
    const [stored] = await query<{ rolpassword: string }>({ connectionString: owner() }, `SELECT rolpassword FROM pg_authid WHERE rolname = '${OWNER}'`);
    expect(stored!.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    // PostgreSQL's own verifier (made by initdb) checks out with NetRaven's SCRAM code, and a wrong password does not.
    expect(verifierMatches(stored!.rolpassword, server.ownerPassword)).toBe(true);
    expect(verifierMatches(stored!.rolpassword, `${server.ownerPassword}x`)).toBe(false);
  });

  it('a connection without TLS is refused by pg_hba.conf, and NetRaven says to use TLS in one line', async () => {
    const plain = new URL(owner());
    plain.search = '';
    await expect(query({ connectionString: plain.toString() }, 'SELECT 1')).rejects.toMatchObject({ code: '28000', message: expect.stringMatching(/no encryption/) });
    plain.search = '?sslmode=disable';
    await expect(query({ connectionString: plain.toString() }, 'SELECT 1')).rejects.toMatchObject({ code: '28000' });

    const passwordFile = path.join(home, 'owner-password');
    fs.writeFileSync(passwordFile, `${server.ownerPassword}\n`, { mode: 0o600 });
    const url = `postgres://${OWNER}@localhost:${server.port}/postgres`;
    const err = expectOneLineError(await runCli(['db', 'status'], env(url, { DATABASE_PASSWORD_FILE: passwordFile })), 'DATABASE_TLS_FAILED', 77);
    expect(err).toContain('accepts only TLS connections: add sslmode=verify-full&sslrootcert=');
    expect(err).not.toContain(server.ownerPassword);
  });

  it('verify-full refuses a certificate that does not name the host, one not signed by the CA given, and a CA file that is missing', async () => {
    const passwordFile = path.join(home, 'owner-password');
    fs.writeFileSync(passwordFile, server.ownerPassword, { mode: 0o600 });
    const other = server.url(OWNER, 'postgres', '127.0.0.2');
    expect(expectOneLineError(await runCli(['db', 'status'], env(other, { DATABASE_PASSWORD_FILE: passwordFile })), 'DATABASE_TLS_FAILED')).toContain('does not name 127.0.0.2');

    const noCa = server.url(OWNER, 'postgres').replace(/&sslrootcert=.*$/, '');
    expect(expectOneLineError(await runCli(['db', 'status'], env(noCa, { DATABASE_PASSWORD_FILE: passwordFile })), 'DATABASE_TLS_FAILED')).toContain('is not signed by a CA this client trusts');

    const missingCa = server.url(OWNER, 'postgres').replace(/sslrootcert=.*$/, 'sslrootcert=/nonexistent/ca.crt');
    expect(expectOneLineError(await runCli(['db', 'status'], env(missingCa, { DATABASE_PASSWORD_FILE: passwordFile })), 'DATABASE_TLS_FAILED')).toContain('sslrootcert /nonexistent/ca.crt cannot be read (ENOENT)');

    const ok = await runCli(['db', 'status'], env(server.url(OWNER, 'postgres'), { DATABASE_PASSWORD_FILE: passwordFile }));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`database  postgres://${OWNER}:***@localhost:${server.port}/postgres?sslmode=verify-full`);
  });

  it('trust is nowhere: every pg_hba.conf rule is scram-sha-256 or reject, and no login gets in without a password, on TCP or the socket', async () => {
    const rules = await query<{ type: string; auth_method: string; error: string | null }>({ connectionString: owner() }, 'SELECT type, auth_method, error FROM pg_hba_file_rules');
    expect(rules.map((r) => `${r.type} ${r.auth_method}`)).toEqual(['local scram-sha-256', 'hostssl scram-sha-256', 'host reject', 'host reject']);
    expect(rules.every((r) => r.error === null)).toBe(true);

    // node-postgres refuses to go on without a password only once the server has asked for SCRAM.
    await expect(query({ connectionString: server.url(OWNER, 'postgres') }, 'SELECT 1')).rejects.toThrow(/SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string/);
    await expect(query({ host: server.socketDir, port: server.port, user: OWNER, database: 'postgres' }, 'SELECT 1')).rejects.toThrow(/SASL/);
    const [socket] = await query<{ ok: number }>({ host: server.socketDir, port: server.port, user: OWNER, password: server.ownerPassword, database: 'postgres' }, 'SELECT 1 AS ok');
    expect(socket).toEqual({ ok: 1 });
    await expect(query({ connectionString: withPassword(server.url(OWNER, 'postgres'), 'not-the-password') }, 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
  });

  it('md5 is not accepted: a login whose password is stored as an MD5 hash cannot log in, the same login with SCRAM can', async () => {
    const admin = new pg.Client({ connectionString: owner() });
    await admin.connect();
    try {
      await admin.query("SET password_encryption = 'md5'");
      await admin.query("CREATE ROLE md5_login LOGIN PASSWORD 'md5-login-password-1'");
      const [{ rolpassword }] = (await admin.query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = 'md5_login'")).rows as [{ rolpassword: string }];
      expect(rolpassword).toMatch(/^md5[0-9a-f]{32}$/);
      await expect(query({ connectionString: withPassword(server.url('md5_login', 'postgres'), 'md5-login-password-1') }, 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });

      await admin.query("SET password_encryption = 'scram-sha-256'");
      await admin.query("ALTER ROLE md5_login PASSWORD 'md5-login-password-1'");
      const [row] = await query<{ user: string }>({ connectionString: withPassword(server.url('md5_login', 'postgres'), 'md5-login-password-1') }, 'SELECT current_user AS user');
      expect(row).toEqual({ user: 'md5_login' });
    } finally {
      await admin.query('DROP ROLE IF EXISTS md5_login').catch(() => undefined);
      await admin.end();
    }
  });
});
