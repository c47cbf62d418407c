import { NetRavenError, isNetRavenError } from '../../errors.js';

const SPACE = 'free some space there (the embedded PostgreSQL needs about 120 MB) or point NETRAVEN_HOME at another folder';
const ACCESS = 'run NetRaven as the user that owns NETRAVEN_HOME, or point NETRAVEN_HOME at a folder this user can write';

/** errno code → what happened, what to do. */
const FAULTS: Record<string, [string, string]> = {
  EROFS: ['is on a read-only file system', 'mount it read-write or point NETRAVEN_HOME at a writable folder'],
  ENOSPC: ['is full (no space left on device)', SPACE],
  EDQUOT: ['is over its disk quota', SPACE],
  EACCES: ['is not accessible (permission denied)', ACCESS],
  EPERM: ['is not accessible (operation not permitted)', ACCESS],
  ENOTDIR: ['has a file where a folder should be', 'point NETRAVEN_HOME at a folder'],
  EBUSY: ['has a folder in use by the system (a mount point?)', 'mount volumes at NETRAVEN_HOME itself, not inside it'],
};

/** EMBEDDED_HOME_UNUSABLE for an errno code we know (ENOSPC…), naming what failed where; else undefined. */
export function unusableHome(home: string, code: string | undefined, where: string, cause?: unknown): NetRavenError | undefined {
  const fault = FAULTS[code ?? ''];
  if (!fault) return undefined;
  return new NetRavenError('EMBEDDED_HOME_UNUSABLE', `NETRAVEN_HOME ${home} ${fault[0]} (${where}): ${fault[1]}`, { cause });
}

/**
 * Turns a file-system failure while preparing NETRAVEN_HOME into one line an operator can
 * act on: EMBEDDED_HOME_UNUSABLE naming the home, the cause, the call and path that failed.
 * Anything else (a NetRavenError, a failed program) is returned unchanged.
 */
export function homeFault(err: unknown, home: string): unknown {
  if (isNetRavenError(err)) return err;
  const errno = err as NodeJS.ErrnoException & { dest?: string };
  if (typeof errno?.syscall !== 'string') return err;
  const where = [errno.syscall, errno.path, errno.dest && `→ ${errno.dest}`].filter(Boolean).join(' ');
  return unusableHome(home, errno.code, where, err) ?? err;
}
