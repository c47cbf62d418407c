import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NetRavenError } from '../errors.js';
import { faultPoint } from './fault-points.js';

function tempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process killed between writing and renaming leaves its temp file (with key material): remove those of dead writers. */
function removeStaleTemps(file: string): void {
  const prefix = `.${path.basename(file)}.`;
  for (const name of fs.readdirSync(path.dirname(file))) {
    const pid = Number(/^\.(?:.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1]);
    if (name.startsWith(prefix) && pid > 0 && !alive(pid)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

function writeTemp(file: string, text: string): string {
  const temp = tempPath(file);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return temp;
}

/** The directory entry change (rename/link) is only durable once the directory is synced. */
function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeError(file: string, err: unknown): NetRavenError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new NetRavenError('KEYRING_READ_ONLY', `cannot write ${file} (${code}): the keyring is read-only here (a mounted secret?); run this where the keyring file can be replaced`, {
      cause: err,
      details: { file },
    });
  }
  return new NetRavenError('KEYRING_UNREADABLE', `cannot write ${file} (${code})`, { cause: err, details: { file } });
}

/**
 * Replaces file with text so that a crash at any moment leaves either the old or the new
 * content, never a mix: temp file, fsync, rename over, fsync the directory.
 */
export function writeFileAtomic(file: string, text: string): void {
  let temp: string | undefined;
  try {
    removeStaleTemps(file);
    temp = writeTemp(file, text);
    faultPoint('keyring.before-rename');
    fs.renameSync(temp, file);
    temp = undefined;
    syncDirectory(path.dirname(file));
  } catch (err) {
    throw writeError(file, err);
  } finally {
    if (temp) fs.rmSync(temp, { force: true });
  }
}

/** Creates file with text only if it does not exist yet (link fails on EEXIST); false when it already existed. */
export function createFileAtomic(file: string, text: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let temp: string | undefined;
  try {
    temp = writeTemp(file, text);
    fs.linkSync(temp, file);
    syncDirectory(path.dirname(file));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(file, err);
  } finally {
    if (temp) fs.rmSync(temp, { force: true });
  }
}

/** Fails early, before any change, when the file's folder does not take new files. */
export function assertReplaceable(file: string): void {
  let temp: string | undefined;
  try {
    temp = writeTemp(file, '');
  } catch (err) {
    throw writeError(file, err);
  } finally {
    if (temp) fs.rmSync(temp, { force: true });
  }
}
