import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { homeFault, unusableHome } from '../../../../src/db/embedded/home-faults.js';
import { NetRavenError } from '../../../../src/errors.js';

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (err) {
    return err;
  }
  throw new Error('nothing was thrown');
}

describe('homeFault', () => {
  it('a full disk (a real ENOSPC from /dev/full) becomes one EMBEDDED_HOME_UNUSABLE line naming the call and what to do', () => {
    const enospc = thrownBy(() => fs.writeFileSync('/dev/full', 'x'));
    const fault = homeFault(enospc, '/srv/netraven') as NetRavenError;
    expect(fault.code).toBe('EMBEDDED_HOME_UNUSABLE');
    expect(fault.exitCode).toBe(73);
    expect(fault.message).toBe('NETRAVEN_HOME /srv/netraven is full (no space left on device) (write): free some space there (the embedded PostgreSQL needs about 120 MB) or point NETRAVEN_HOME at another folder');
    expect(fault.cause).toBe(enospc);
  });

  it('names source and destination of a failed copy', () => {
    const eacces = Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'copyfile', path: '/a/lib.so', dest: '/srv/netraven/runtime/lib.so' });
    expect((homeFault(eacces, '/srv/netraven') as Error).message).toContain('is not accessible (permission denied) (copyfile /a/lib.so → /srv/netraven/runtime/lib.so): run NetRaven as the user that owns NETRAVEN_HOME');
  });

  it('a read-only file system, a quota and a mount point each say so', () => {
    expect(unusableHome('/h', 'EROFS', 'mkdir /h')?.message).toMatch(/read-only file system .*mount it read-write/);
    expect(unusableHome('/h', 'EDQUOT', 'write')?.message).toMatch(/over its disk quota/);
    expect(unusableHome('/h', 'EBUSY', 'rename')?.message).toMatch(/mount point/);
  });

  it('passes through what is not a file-system fault of the home', () => {
    const refused = new NetRavenError('EMBEDDED_HOME_INVALID', 'not ours');
    expect(homeFault(refused, '/h')).toBe(refused);
    const exitCode = Object.assign(new Error('Command failed: initdb'), { code: 1 });
    expect(homeFault(exitCode, '/h')).toBe(exitCode);
    const enoent = thrownBy(() => fs.readFileSync('/nonexistent/netraven'));
    expect(homeFault(enoent, '/h')).toBe(enoent);
    expect(homeFault(undefined, '/h')).toBeUndefined();
  });
});
