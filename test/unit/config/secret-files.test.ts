import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../src/config/environment.js';
import { readLoginPasswords } from '../../../src/config/login-passwords.js';
import { readSecretFile } from '../../../src/config/secret-file.js';
import { tempDir } from '../../support/keyring.js';
import { refused } from '../../support/refused.js';

const dir = tempDir('netraven-secret-files-');
function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content, { mode: 0o600 });
  return p;
}

describe('secret files', () => {
  it('reads the value without one trailing newline (LF or CRLF); everything else is kept', () => {
    expect(readSecretFile(file('lf', 'pa ss:w@rd\n'), 'X_FILE')).toBe('pa ss:w@rd');
    expect(readSecretFile(file('crlf', 'secret\r\n'), 'X_FILE')).toBe('secret');
    expect(readSecretFile(file('none', '  spaced  '), 'X_FILE')).toBe('  spaced  ');
  });

  it('refuses a missing, empty, multi-line, oversized file or a folder, naming the variable and file but never the content', () => {
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'missing'), /X_FILE: .*missing does not exist: create it/],
      [file('empty', ''), /empty is empty: write the password into it/],
      [file('newline', '\n'), /newline is empty/],
      [file('two', 'first-secret\nsecond-secret\n'), /has more than one line/],
      [file('big', 'x'.repeat(2000)), /is 2000 bytes, more than a password/],
      [dir, /is a folder/],
    ];
    for (const [p, message] of cases) {
      const err = refused(() => readSecretFile(p, 'X_FILE'));
      expect(err.code).toBe('SECRET_FILE_INVALID');
      expect(err.exitCode).toBe(78);
      expect(err.message).toMatch(message);
      expect(err.message).not.toMatch(/first-secret|xxxx/);
    }
  });
});

describe('DATABASE_PASSWORD_FILE and KEYROTATION_DATABASE_PASSWORD_FILE', () => {
  it('put the file\'s password into the URL, percent-encoded so that any character survives', () => {
    const secret = 'p%41ss:w@rd/#?&=\'"';
    const env = loadEnvironment({ DATABASE_URL: 'postgres://netraven_daemon@postgres:5432/netraven?sslmode=require', DATABASE_PASSWORD_FILE: file('db', `${secret}\n`) });
    const url = new URL(env.databaseUrl!);
    expect(decodeURIComponent(url.password)).toBe(secret);
    expect(url.username).toBe('netraven_daemon');
    expect(url.search).toBe('?sslmode=require');
    expect(env.databasePasswordFile).toBe(path.join(dir, 'db'));
    const rotation = loadEnvironment({ KEYROTATION_DATABASE_URL: 'postgres://netraven_rotator@postgres/netraven', KEYROTATION_DATABASE_PASSWORD_FILE: file('rot', 'r0t') });
    expect(new URL(rotation.keyRotationDatabaseUrl!).password).toBe('r0t');
  });

  it('refuse a file without its URL, a URL that has a password as well, a bad sslmode and an unreadable CA file', () => {
    const pw = file('pw', 'secret-value');
    expect(refused(() => loadEnvironment({ DATABASE_PASSWORD_FILE: pw })).message).toBe('DATABASE_PASSWORD_FILE is set but DATABASE_URL is not: set DATABASE_URL (without a password) or unset DATABASE_PASSWORD_FILE');
    expect(refused(() => loadEnvironment({ DATABASE_URL: 'postgres://u:inline@h/d', DATABASE_PASSWORD_FILE: pw })).message).toBe('DATABASE_URL has a password and DATABASE_PASSWORD_FILE is set too: keep only the file');
    const mode = refused(() => loadEnvironment({ DATABASE_URL: 'postgres://u@h/d?sslmode=verify_full' }));
    expect([mode.code, mode.message]).toEqual(['DATABASE_URL_INVALID', 'DATABASE_URL has sslmode=verify_full: use sslmode=verify-full (with sslrootcert=the CA file)']);
    const ca = refused(() => loadEnvironment({ DATABASE_URL: 'postgres://u@h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt' }));
    expect(ca.code).toBe('DATABASE_TLS_FAILED');
    expect(ca.message).toContain('DATABASE_URL: sslrootcert /nonexistent/ca.crt cannot be read (ENOENT)');
    expect(refused(() => loadEnvironment({ DATABASE_URL: 'postgres://u@h/d', DATABASE_PASSWORD_FILE: path.join(dir, 'nope') })).code).toBe('SECRET_FILE_INVALID');
  });
});

describe('NETRAVEN_LOGIN_PASSWORD_FILES', () => {
  const good = file('good', 'Abcdefghijklmnop-0123\n');

  it('maps each service login to its group role and password; unset means no login', () => {
    expect(readLoginPasswords({})).toEqual([]);
    expect(readLoginPasswords({ NETRAVEN_LOGIN_PASSWORD_FILES: ` netraven_daemon = ${good} , netraven_rotator=${good},` })).toEqual([
      { login: 'netraven_daemon', group: 'netraven_app', password: 'Abcdefghijklmnop-0123' },
      { login: 'netraven_rotator', group: 'netraven_keyrotation', password: 'Abcdefghijklmnop-0123' },
    ]);
    expect(readLoginPasswords({ NETRAVEN_LOGIN_PASSWORD_FILES: `netraven_console=${good}` })[0]).toMatchObject({ group: 'netraven_app' });
  });

  it('refuses syntax errors, logins NetRaven does not make, repeats and weak or non-ASCII passwords', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['netraven_daemon', 'CONFIG_INVALID', /must be login=file pairs/],
      [`=${good}`, 'CONFIG_INVALID', /must be login=file pairs/],
      [`postgres=${good}`, 'CONFIG_INVALID', /names the login "postgres": NetRaven's service logins are netraven_daemon, netraven_console, netraven_rotator/],
      [`netraven_daemon=${good},netraven_daemon=${good}`, 'CONFIG_INVALID', /names netraven_daemon twice/],
      [`netraven_daemon=${file('short', 'short-15-chars!\n')}`, 'SECRET_FILE_INVALID', /at least 16 printable ASCII characters/],
      [`netraven_daemon=${file('tab', 'tab\there-0123456789\n')}`, 'SECRET_FILE_INVALID', /printable ASCII/],
      [`netraven_daemon=${file('umlaut', 'päßwörd-0123456789\n')}`, 'SECRET_FILE_INVALID', /printable ASCII/],
    ];
    for (const [value, code, message] of cases) {
      const err = refused(() => readLoginPasswords({ NETRAVEN_LOGIN_PASSWORD_FILES: value }));
      expect(err.code, value).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain('0123456789');
    }
  });
});
