import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Names for the work folders and files a first start makes before renaming a finished result
 * into place: `.<kind>-<pid>-<hex>`. The pid lets a later start tell an abandoned one (its
 * process was killed: power cut, OOM, Ctrl-C during the copy) from one still in progress.
 */
const TEMPORARY = /^\.(copy|initdb|identity|stale)-(\d+)-[0-9a-f]+$/;

/** A fresh temporary name of this process, e.g. `.initdb-4711-9f2c01ab`. */
export function temporaryName(kind: 'copy' | 'initdb' | 'identity' | 'stale'): string {
  return `.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temporaries in dir whose process is gone. Only names matching our own pattern
 * are touched; a missing dir is fine. Throws the file system's error if one cannot be removed.
 */
export function sweepTemporaries(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (match && !alive(Number(match[2]))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
