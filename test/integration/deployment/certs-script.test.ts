import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/keyring.js';
import { certsScript } from '../../support/shipped-postgres.js';

const FILES = ['ca.crt', 'ca.key', 'server.crt', 'server.key'];

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** One refusal: exit 1 and exactly one line `certs.sh: …`. */
function oneLine(result: { code: number; stderr: string }): string {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^certs\.sh: /);
  return lines[0]!;
}

describe('scripts/certs.sh: the deployment CA and the PostgreSQL server certificate', () => {
  const env = (dir: string, names = 'postgres') => ({ CERTS_DIR: dir, NETRAVEN_DB_CERT_NAMES: names, CERTS_KEY_OWNER: '' });

  it('creates a CA and a server certificate for the names given, with private keys only their owner reads', async () => {
    const dir = path.join(tempDir('netraven-certs-'), 'certs');
    const made = await certsScript(['create'], env(dir, 'postgres,db.example.net,10.0.0.5'));
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toBe(`certs.sh: created a deployment CA and a server certificate for postgres,db.example.net,10.0.0.5 in ${dir}\n`);
    expect(fs.readdirSync(dir).sort()).toEqual(FILES);
    expect(fs.statSync(path.join(dir, 'server.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'ca.crt')).mode & 0o777).toBe(0o644);
    expect(openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), path.join(dir, 'server.crt')])).toContain('OK');
    const text = openssl(['x509', '-in', path.join(dir, 'server.crt'), '-noout', '-ext', 'subjectAltName,extendedKeyUsage,basicConstraints']);
    expect(text).toContain('DNS:postgres, DNS:db.example.net, IP Address:10.0.0.5');
    expect(text).toContain('TLS Web Server Authentication');
    expect(text).toContain('CA:FALSE');
  });

  it('keeps what is there on every later run (never regenerated while present), and checks it', async () => {
    const dir = path.join(tempDir('netraven-certs-'), 'certs');
    expect((await certsScript(['create'], env(dir))).code).toBe(0);
    const before = contents(dir);
    const again = await certsScript(['create'], env(dir));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^certs\.sh: kept the certificates in .* \(server certificate for postgres, notAfter=/);
    expect(contents(dir)).toEqual(before);
    expect((await certsScript(['check'], env(dir))).stdout).toContain('are valid for postgres');
  });

  it('refuses, in one line and without changing a file, a certificate that does not match the host name, a partial set and an unknown command', async () => {
    const dir = path.join(tempDir('netraven-certs-'), 'certs');
    expect((await certsScript(['create'], env(dir, 'postgres'))).code).toBe(0);
    const before = contents(dir);
    expect(oneLine(await certsScript(['create'], env(dir, 'postgres,db.internal')))).toContain('server.crt does not match the host name db.internal (it names DNS:postgres)');
    expect(oneLine(await certsScript(['check'], env(dir, '10.1.1.1')))).toContain('does not match the host name 10.1.1.1');
    expect(contents(dir)).toEqual(before);
    fs.rmSync(path.join(dir, 'server.key'));
    expect(oneLine(await certsScript(['create'], env(dir)))).toContain('holds only some of ca.crt, server.crt, server.key');
    expect(fs.existsSync(path.join(dir, 'server.key'))).toBe(false);
    expect(oneLine(await certsScript(['rotate'], env(dir)))).toContain('unknown command rotate');
  });

  it('imports the customer\'s own CA and certificate after checking them; the old CA key goes', async () => {
    const dir = path.join(tempDir('netraven-certs-'), 'certs');
    expect((await certsScript(['create'], env(dir))).code).toBe(0);
    const own = path.join(tempDir('netraven-own-'), 'own');
    expect((await certsScript(['create'], env(own))).code).toBe(0);
    const other = path.join(tempDir('netraven-other-'), 'other');
    expect((await certsScript(['create'], env(other, 'somewhere-else'))).code).toBe(0);
    const before = contents(dir);

    const mixed = path.join(tempDir('netraven-mixed-'), 'mixed');
    fs.mkdirSync(mixed);
    fs.copyFileSync(path.join(own, 'ca.crt'), path.join(mixed, 'ca.crt'));
    fs.copyFileSync(path.join(own, 'server.crt'), path.join(mixed, 'server.crt'));
    fs.copyFileSync(path.join(other, 'server.key'), path.join(mixed, 'server.key'));
    expect(oneLine(await certsScript(['import', mixed], env(dir)))).toContain('server.key does not belong to');
    fs.copyFileSync(path.join(other, 'ca.crt'), path.join(mixed, 'ca.crt'));
    fs.copyFileSync(path.join(own, 'server.key'), path.join(mixed, 'server.key'));
    expect(oneLine(await certsScript(['import', mixed], env(dir)))).toContain('server.crt is not signed by');
    expect(oneLine(await certsScript(['import', other], env(dir)))).toContain('does not match the host name postgres');
    fs.writeFileSync(path.join(mixed, 'server.crt'), 'not a certificate\n');
    expect(oneLine(await certsScript(['import', mixed], env(dir)))).toContain('server.crt is not a PEM certificate');
    expect(contents(dir)).toEqual(before);

    const imported = await certsScript(['import', own], env(dir));
    expect(imported.code, imported.stderr).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['ca.crt', 'server.crt', 'server.key']);
    expect(fs.readFileSync(path.join(dir, 'server.crt'), 'utf8')).toBe(fs.readFileSync(path.join(own, 'server.crt'), 'utf8'));
    expect(oneLine(await certsScript(['renew'], env(dir)))).toContain('has no deployment CA key');
  });

  it('renews the server certificate from the same CA: clients keep their ca.crt', async () => {
    const dir = path.join(tempDir('netraven-certs-'), 'certs');
    expect((await certsScript(['create'], env(dir))).code).toBe(0);
    const before = contents(dir);
    const renewed = await certsScript(['renew'], env(dir));
    expect(renewed.code, renewed.stderr).toBe(0);
    const after = contents(dir);
    expect(after['ca.crt']).toBe(before['ca.crt']);
    expect(after['server.crt']).not.toBe(before['server.crt']);
    expect(after['server.key']).not.toBe(before['server.key']);
    expect(openssl(['verify', '-CAfile', path.join(dir, 'ca.crt'), path.join(dir, 'server.crt')])).toContain('OK');
  });
});
