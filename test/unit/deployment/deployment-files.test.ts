/**
 * The shipped deployment files agree with each other and with the rules. The compose
 * file itself is also validated by `docker-compose config` (with canary secrets) in .ci/run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const compose = read('docker-compose.yml');
const envExample = read('.env.example');
const dockerfile = read('scripts/Dockerfile');
const settingLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));

describe('docker-compose.yml and .env.example', () => {
  it('every variable the compose file uses is listed in .env.example, and every listed one is used', () => {
    // `$${VAR}` is escaped: the container's shell reads it, not compose.
    const used = new Set([...compose.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!));
    const listed = new Set(settingLines(envExample).map((line) => line.split('=')[0]!));
    expect([...used].sort()).toEqual([...listed].sort());
  });

  it('holds no secret: every password setting names a file under /run/secrets, and every secret file is documented', () => {
    const passwordSettings = [...compose.matchAll(/^\s*([A-Z_]*PASSWORD[A-Z_]*):\s*(.*)$/gm)];
    expect(passwordSettings.length).toBeGreaterThan(0);
    for (const [, key, value] of passwordSettings) {
      expect(key, key).toMatch(/_FILES?$/);
      for (const item of value!.replace(/^"|"$/g, '').split(',')) expect(item, key).toMatch(/^([a-z_]+=)?\/run\/secrets\/[a-z_]+$/);
    }
    expect(compose).not.toMatch(/PASSWORD=|password@|:\/\/[a-z0-9_]+:[^@\s/]+@/i);
    for (const [, file] of compose.matchAll(/file: \$\{NETRAVEN_SECRETS_DIR[^}]*\}\/([a-z_]+)/g)) {
      expect(envExample).toContain(`#   ${file}`);
    }
  });

  it('PostgreSQL: the official Alpine image, 16 or newer, no published port, the internal network, 1 GB limit and 512 MB reservation', () => {
    const image = /image: postgres:(\d+)-alpine/.exec(compose);
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(16);
    // The only published port: the SSH console's 2222, on its own network (not `database`).
    expect(compose.match(/^\s*ports:/gm)).toHaveLength(1);
    expect(compose).toMatch(/\n {2}console:\n(?: {4}[^\n]*\n| {6}[^\n]*\n|\s*#[^\n]*\n)*? {4}networks: \[database, console\]\n {4}ports:\n {6}- "\$\{NETRAVEN_SSH_PORT:-2222\}:2222"/);
    expect(compose).toMatch(/networks:\n {2}# [^\n]*\n {2}database:\n {4}internal: true/);
    expect(compose).toContain('mem_limit: 1g');
    expect(compose).toContain('mem_reservation: 512m');
    expect(compose).toContain('postgres_data:/var/lib/postgresql/data');
    expect(compose).toContain('PGDATA: /var/lib/postgresql/data');
    expect(compose).toContain('./knex/init:/docker-entrypoint-initdb.d:ro');
  });

  it('every NetRaven connection is verify-full with the CA mounted read-only', () => {
    const urls = [...compose.matchAll(/DATABASE_URL: "([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBe(4);
    for (const url of urls) expect(url).toMatch(/\?sslmode=verify-full&sslrootcert=\/certs\/ca\.crt$/);
    expect(compose.match(/- certs:\/certs:ro/g)!.length).toBeGreaterThanOrEqual(5);
  });
});

describe('scripts/Dockerfile', () => {
  it('is multi-stage, installs production dependencies only and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
    const lastUser = [...dockerfile.matchAll(/^USER (\S+)/gm)].at(-1)?.[1];
    expect(lastUser).toBe('node');
  });

  it('uses an LTS Node line (even major, at least the engines minimum) and labels the image with package.json\'s version', () => {
    const major = Number(/ARG NODE_IMAGE=node:(\d+)-/.exec(dockerfile)?.[1]);
    const pkg = JSON.parse(read('package.json')) as { version: string; engines: { node: string } };
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
    expect(/ARG NETRAVEN_VERSION=(\S+)/.exec(dockerfile)?.[1]).toBe(pkg.version);
    expect(dockerfile).toContain('org.opencontainers.image.version="${NETRAVEN_VERSION}"');
    expect(/NETRAVEN_VERSION:-([^}]+)\}/.exec(compose)?.[1]).toBe(pkg.version);
  });

  it('copies only what the build context lets in, and the context lets in no secret', () => {
    const ignore = settingLines(read('scripts/Dockerfile.dockerignore'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore.slice(1).map((line) => line.replace(/^!/, '').replace(/\/\*\*$/, ''));
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const item of source!.split(/\s+/)) expect(allowed, item).toContain(item);
    }
    expect(allowed.some((item) => /env|secret|backup|keyring/i.test(item))).toBe(false);
  });
});

describe('scripts/postgres', () => {
  it('pg_hba.conf allows only hostssl with scram-sha-256 and rejects the rest; no trust, md5 or password anywhere', () => {
    const rules = settingLines(read('scripts/postgres/pg_hba.conf')).map((line) => line.trim().split(/\s+/));
    expect(rules.map((r) => [r[0], r.at(-1)])).toEqual([['local', 'scram-sha-256'], ['hostssl', 'scram-sha-256'], ['host', 'reject'], ['host', 'reject']]);
    expect(rules.find((r) => r[0] === 'hostssl')?.[3]).toBe('samenet');
  });

  it('postgresql.conf has a comment before every setting and sets what the issue names', () => {
    const lines = read('scripts/postgres/postgresql.conf').split('\n');
    const settings = lines.filter((line) => /^[a-z_]+ = /.test(line));
    for (const line of settings) expect(lines[lines.indexOf(line) - 1], line).toMatch(/^# /);
    const names = settings.map((line) => line.split(' ')[0]);
    for (const name of ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_connections', 'checkpoint_timeout', 'max_wal_size',
      'autovacuum_vacuum_insert_scale_factor', 'password_encryption', 'ssl', 'hba_file']) {
      expect(names, name).toContain(name);
    }
    expect(settings).toContain("password_encryption = 'scram-sha-256'");
    expect(settings).toContain('ssl = on');
  });
});
