import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { NetRavenError } from '../../errors.js';
import { sanitiseLine } from '../../sanitise.js';
import type { EmbeddedIdentity } from './embedded-home.js';
import type { Runtime } from './embedded-runtime.js';
import { homeFault, unusableHome } from './home-faults.js';
import { temporaryName } from './home-temporaries.js';
import type { ServerUser } from './server-user.js';

const run = promisify(execFile);

/** Where a new cluster is made: home, its final data directory, the binaries and the log. */
export interface ClusterPlan {
  home: string;
  dataDir: string;
  runtime: Runtime;
  /** The server's user when we are root; undefined runs initdb as ourselves. */
  owner: ServerUser | undefined;
  identity: EmbeddedIdentity;
  logFile: string;
}

function chown(file: string, owner: ServerUser | undefined): void {
  if (owner) fs.chownSync(file, owner.uid, owner.gid);
}

/** Moves the finished cluster to its place; a concurrent first start that got there first wins. */
function publish(staged: string, dataDir: string): void {
  try {
    // rename(2) replaces an empty folder (an earlier start that failed) and refuses a full one.
    fs.renameSync(staged, dataDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
    throw err;
  }
}

/**
 * What an operator should read about a failed initdb: a full disk as such (initdb only says
 * so in its output: "No space left on device" or PostgreSQL's hint "Check free disk space"), else its first error line rather than its last ("removing data directory").
 */
function initdbFailure(cause: unknown, plan: ClusterPlan): unknown {
  const { stdout = '', stderr = '' } = cause as { stdout?: string; stderr?: string };
  fs.appendFileSync(plan.logFile, `${stdout}${stderr}`);
  const spawnFault = homeFault(cause, plan.home);
  if (spawnFault !== cause) return spawnFault;
  const output = `${stdout}\n${stderr}`;
  if (/No space left on device|Check free disk space/i.test(output)) return unusableHome(plan.home, 'ENOSPC', `initdb, see ${plan.logFile}`);
  const lines = stderr.trim().split('\n');
  const line = lines.find((text) => /error:|FATAL:|PANIC:/.test(text)) ?? lines.pop() ?? '';
  return new NetRavenError('EMBEDDED_START_FAILED', `could not create the embedded database (${sanitiseLine(line || (cause as Error).message)}): see ${plan.logFile}`, { cause });
}

/**
 * Runs initdb (scram-sha-256, UTF8, the identity's superuser and password) in a temporary
 * folder of the home, then renames the result to dataDir: the data directory is either
 * absent or a complete cluster, whatever moment a first start is killed at. The password
 * goes through a 0600 file inside that 0700 folder (never argv, never /tmp) and is removed
 * with it. Throws EMBEDDED_START_FAILED (initdb's last line, the log named) when initdb
 * fails, EMBEDDED_HOME_UNUSABLE when the home cannot be written.
 */
export async function initialiseCluster(plan: ClusterPlan): Promise<void> {
  const work = path.join(plan.home, temporaryName('initdb'));
  fs.mkdirSync(work, { mode: 0o700 });
  try {
    chown(work, plan.owner);
    const passwordFile = path.join(work, 'password');
    fs.writeFileSync(passwordFile, `${plan.identity.password}\n`, { mode: 0o600 });
    chown(passwordFile, plan.owner);
    const staged = path.join(work, 'data');
    const args = [`--pgdata=${staged}`, '--auth=scram-sha-256', `--username=${plan.identity.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8'];
    try {
      const { stdout, stderr } = await run(plan.runtime.initdb, args, { ...plan.owner, cwd: work, env: { ...process.env, LC_ALL: 'C' } });
      fs.appendFileSync(plan.logFile, `${stdout}${stderr}`);
    } catch (cause) {
      throw initdbFailure(cause, plan);
    }
    fs.rmSync(passwordFile);
    publish(staged, plan.dataDir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
