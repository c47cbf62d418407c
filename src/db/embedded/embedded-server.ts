import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { embeddedDataDir } from '../../config/paths.js';
import { NetRavenError } from '../../errors.js';
import { sanitiseLine } from '../../sanitise.js';
import { assertReachableByPostgresUser, checkHome, ensureHomeFolder, ensureIdentity, readIdentity, type EmbeddedIdentity } from './embedded-home.js';
import { initialiseCluster } from './embedded-initdb.js';
import { embeddedPackage, ensureRuntime, pruneRuntimes, type Runtime } from './embedded-runtime.js';
import { homeFault } from './home-faults.js';
import { sweepTemporaries } from './home-temporaries.js';
import { serverUser, type ServerUser } from './server-user.js';

const run = promisify(execFile);
const DATABASE = 'netraven';

/** A running embedded cluster this process uses; release() stops it when no other NetRaven process still does. */
export interface EmbeddedServer {
  url: string;
  release(): Promise<void>;
}

/** The major version of the installed package's PostgreSQL; EMBEDDED_START_FAILED when it does not run. */
function postgresMajor(postgres: string): number {
  try {
    const version = execFileSync(postgres, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number.parseInt(/(\d+)(\.\d+)?/.exec(version)?.[1] ?? '0', 10);
  } catch (cause) {
    const reason = String((cause as { stderr?: string }).stderr ?? '').trim().split('\n')[0] || (cause as Error).message.split('\n')[0];
    throw new NetRavenError('EMBEDDED_START_FAILED', `the embedded PostgreSQL in node_modules does not run (${sanitiseLine(reason!)}): run npm ci again, or set DATABASE_URL to an external PostgreSQL`, { cause });
  }
}

/**
 * The live postmaster that owns dataDir, from its postmaster.pid: line 1 pid, line 4 port,
 * line 8 status ("starting", "ready", "stopping"; PostgreSQL's LOCK_FILE_LINE_* in miscadmin.h).
 */
function postmaster(dataDir: string): { port: number; status: string } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
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
  return { port, status: (lines[7] ?? '').trim() };
}

/** The port of the postmaster that owns dataDir, if that process is alive. */
export function runningPort(dataDir: string): number | undefined {
  return postmaster(dataDir)?.port;
}

/**
 * Waits for the running postmaster to accept connections (another process may have just
 * started it): its port once it says "ready"; undefined when none runs, it stops, or 60 s pass.
 */
async function readyPort(dataDir: string): Promise<number | undefined> {
  const deadline = Date.now() + 60_000;
  for (let state = postmaster(dataDir); state && Date.now() < deadline; state = postmaster(dataDir)) {
    if (state.status === 'ready') return state.port;
    await sleep(50);
  }
  return undefined;
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

async function start(runtime: Runtime, owner: ServerUser | undefined, dataDir: string, logFile: string): Promise<number> {
  const port = await freePort();
  if (owner) fs.chownSync(logFile, owner.uid, owner.gid);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  // cwd: the postgres user may not be able to enter ours (a clone under /root).
  await run(runtime.pg_ctl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', options], { ...owner, cwd: path.dirname(dataDir), env: { ...process.env, LC_ALL: 'C' } });
  return port;
}

async function ensureDatabase(identity: EmbeddedIdentity, port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: identity.user, password: identity.password, database: 'postgres' });
  await client.connect();
  try {
    // Two first starts at once race on CREATE DATABASE (42P04, or 23505 on pg_database's index):
    // a session lock makes the check and the create one step; it ends with the connection.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['netraven:create-database']);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
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

interface PreparedHome {
  runtime: Runtime;
  owner: ServerUser | undefined;
  identity: EmbeddedIdentity;
}

/**
 * Everything before the server starts: the home checked (refused untouched if not ours),
 * temporaries of killed starts swept, the runtime copied, and on a first start (or after
 * one that did not finish) the cluster created. File-system failures become one
 * EMBEDDED_HOME_UNUSABLE line.
 */
async function prepareHome(home: string, dataDir: string, logFile: string): Promise<PreparedHome> {
  const pkg = await embeddedPackage();
  const major = postgresMajor(pkg.postgres);
  try {
    ensureHomeFolder(home);
    // PostgreSQL writes there on every start: a read-only home fails here, in one clear line.
    fs.accessSync(home, fs.constants.W_OK);
    const state = checkHome(home, dataDir, major);
    const owner = serverUser();
    if (owner) {
      if ((fs.statSync(home).mode & 0o777) !== 0o711) fs.chmodSync(home, 0o711);
      assertReachableByPostgresUser(home);
    }
    sweepTemporaries(home);
    const runtime = ensureRuntime(home, pkg);
    if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '', { mode: 0o600 });
    if (state === 'ready') return { runtime, owner, identity: readIdentity(home)! };
    const identity = ensureIdentity(home, major);
    await initialiseCluster({ home, dataDir, runtime, owner, identity, logFile });
    return { runtime, owner, identity };
  } catch (err) {
    throw homeFault(err, home);
  }
}

/**
 * Starts (or joins) the embedded PostgreSQL under NETRAVEN_HOME. A second process on the
 * same home connects to the running postmaster; PostgreSQL's own postmaster.pid lock
 * makes a racing second start fail harmlessly, after which we join the winner. The process
 * that started the server removes runtime copies of older versions.
 * Throws EMBEDDED_HOME_INVALID, EMBEDDED_HOME_UNUSABLE or EMBEDDED_START_FAILED.
 */
export async function openEmbeddedServer(home: string): Promise<EmbeddedServer> {
  const dataDir = embeddedDataDir(home);
  const logFile = path.join(home, 'postgres.log');
  const { runtime, owner, identity } = await prepareHome(home, dataDir, logFile);

  let port = await readyPort(dataDir);
  if (port === undefined) {
    try {
      port = await start(runtime, owner, dataDir, logFile);
      pruneRuntimes(home, runtime);
    } catch (cause) {
      // Lost a race: another process's postmaster holds the data directory; join it.
      port = await readyPort(dataDir);
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
      await run(runtime.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], { ...owner, cwd: path.dirname(dataDir) }).catch(() => undefined);
    },
  };
}
