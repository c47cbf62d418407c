import { execFileSync } from 'node:child_process';
import { NetRavenError } from '../../errors.js';

/** Who the embedded PostgreSQL runs as; undefined means the current user. */
export interface ServerUser {
  uid: number;
  gid: number;
}

const NAME = 'postgres';
let cached: ServerUser | undefined;

function lookup(): ServerUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', NAME], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', NAME], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Runs each command until one succeeds; returns the last failure's first stderr line. */
function firstThatWorks(commands: string[][]): string | undefined {
  let failure: string | undefined;
  for (const [command, ...args] of commands) {
    try {
      execFileSync(command!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      return undefined;
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
      failure = stderr.split('\n')[0] || (err as Error).message;
    }
  }
  return failure;
}

/**
 * A system account (no password, no home) named postgres. shadow-utils' useradd first
 * (Debian, Ubuntu, RHEL, SUSE, Arch); BusyBox adduser otherwise (Alpine). The group may
 * already exist on its own, so it is made first and its "exists" failure ignored.
 */
function createSystemUser(): void {
  firstThatWorks([['groupadd', '--system', NAME], ['addgroup', '-S', NAME]]);
  const failure = firstThatWorks([
    ['useradd', '--system', '--no-create-home', '--gid', NAME, NAME],
    ['adduser', '-S', '-D', '-H', '-G', NAME, NAME],
  ]);
  if (failure !== undefined && lookup() === undefined) {
    throw new NetRavenError('EMBEDDED_START_FAILED', `PostgreSQL refuses to run as root and this machine has no '${NAME}' user to run it as; creating one failed (${failure}): create a system user named ${NAME} (useradd --system ${NAME}), or run NetRaven as a normal user`);
  }
}

/**
 * The user PostgreSQL runs as. A normal user runs it as themselves (undefined). Root cannot
 * (PostgreSQL refuses: "root execution of the PostgreSQL server is not permitted"), so as
 * root it is the `postgres` system user, created when the machine has none.
 * Throws EMBEDDED_START_FAILED when that user cannot be created.
 */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (cached) return cached;
  cached = lookup();
  if (!cached) {
    createSystemUser();
    cached = lookup();
  }
  if (!cached) throw new NetRavenError('EMBEDDED_START_FAILED', `no '${NAME}' user to run PostgreSQL as: create a system user named ${NAME}, or run NetRaven as a normal user`);
  return cached;
}
