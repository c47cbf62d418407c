import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NetRavenError } from '../../errors.js';
import { temporaryName } from './home-temporaries.js';

/** What NetRaven records about the cluster it created in NETRAVEN_HOME (mode 0600). */
export interface EmbeddedIdentity {
  format: 1;
  user: string;
  password: string;
  postgresMajor: number;
}

const IDENTITY_FILE = 'embedded-postgres.json';

function identityPath(home: string): string {
  return path.join(home, IDENTITY_FILE);
}

/**
 * Reads the identity file; undefined when the home has none yet. Throws EMBEDDED_HOME_INVALID
 * when it is not ours, the file system's error when it cannot be read.
 */
export function readIdentity(home: string): EmbeddedIdentity | undefined {
  const file = identityPath(home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${file} is not valid JSON: the NETRAVEN_HOME is damaged; restore it from a backup or point NETRAVEN_HOME at an empty folder`);
  }
  const identity = parsed as Partial<EmbeddedIdentity>;
  if (identity.format !== 1 || typeof identity.password !== 'string' || typeof identity.user !== 'string' || typeof identity.postgresMajor !== 'number') {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${file} does not describe a NetRaven database: restore it from a backup or point NETRAVEN_HOME at an empty folder`);
  }
  return identity as EmbeddedIdentity;
}

/**
 * The identity for a first start: the existing one (its password is kept even if the data
 * directory is gone, so a moved cluster's password is never lost), else a new one with a
 * random password. A new file is written aside and hard-linked into place, which fails if
 * the name exists: two concurrent first starts therefore agree on one password, and a
 * kill never leaves a half-written file. Throws the file system's error.
 */
export function ensureIdentity(home: string, postgresMajor: number): EmbeddedIdentity {
  const existing = readIdentity(home);
  if (existing?.postgresMajor === postgresMajor) return existing;
  const identity: EmbeddedIdentity = {
    format: 1,
    user: existing?.user ?? 'postgres',
    password: existing?.password ?? randomBytes(24).toString('base64url'),
    postgresMajor,
  };
  const temporary = path.join(home, temporaryName('identity'));
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
    if (existing) fs.renameSync(temporary, identityPath(home));
    else fs.linkSync(temporary, identityPath(home));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return ensureIdentity(home, postgresMajor);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return identity;
}

/** Creates NETRAVEN_HOME (0700) unless something that is not a folder stands there. */
export function ensureHomeFolder(home: string): void {
  if (fs.existsSync(home) && !fs.statSync(home).isDirectory()) {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `NETRAVEN_HOME ${home} is a file, not a folder: point NETRAVEN_HOME at a folder`);
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
}

/** What NETRAVEN_HOME may hold before its first successful start (dot files are temporaries). */
const OURS = new Set(['keyring.json', 'postgres.log', 'runtime', 'postgres']);

/** absent, empty, or filled; a file where the folder belongs counts as filled (and is refused). */
function dataDirectoryState(dataDir: string): 'absent' | 'empty' | 'filled' {
  try {
    return fs.readdirSync(dataDir).length === 0 ? 'empty' : 'filled';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    if (code === 'ENOTDIR') return 'filled';
    throw err;
  }
}

/**
 * 'empty' when the home needs initdb: nothing there yet, or a first start of NetRaven's that
 * did not finish (an identity without a data directory, or with an empty one: nothing to
 * lose). 'ready' when it holds a cluster of this PostgreSQL major version.
 * Throws EMBEDDED_HOME_INVALID, touching nothing, for files NetRaven did not create, a data
 * directory without its identity, a damaged one (no PG_VERSION) or another major version;
 * the file system's error when the home cannot be read.
 */
export function checkHome(home: string, dataDir: string, postgresMajor: number): 'empty' | 'ready' {
  const identity = readIdentity(home);
  if (dataDirectoryState(dataDir) !== 'filled') {
    const foreign = identity ? [] : fs.readdirSync(home).filter((name) => !name.startsWith('.') && !OURS.has(name));
    if (foreign.length > 0) {
      throw new NetRavenError('EMBEDDED_HOME_INVALID', `NETRAVEN_HOME ${home} holds files NetRaven did not create (${foreign.slice(0, 3).join(', ')}): point NETRAVEN_HOME at an empty or new folder`);
    }
    return 'empty';
  }
  if (!identity) {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${dataDir} exists but ${identityPath(home)} is missing: this is not a NetRaven database (or its identity was deleted); restore NETRAVEN_HOME from a backup or use an empty folder`);
  }
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (!fs.existsSync(versionFile)) {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${dataDir} is not a PostgreSQL data directory (no PG_VERSION): it is damaged; restore NETRAVEN_HOME from a backup or remove ${dataDir} to start over`);
  }
  const major = Number.parseInt(fs.readFileSync(versionFile, 'utf8').trim(), 10);
  if (major !== postgresMajor) {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${dataDir} was created by PostgreSQL ${major}, but this NetRaven embeds PostgreSQL ${postgresMajor}: dump it with that version's pg_dump and restore it, or use another NETRAVEN_HOME`);
  }
  return 'ready';
}

/**
 * PostgreSQL runs as the unprivileged 'postgres' user when we are root, so every folder
 * above the data directory must let others pass (x bit).
 */
export function assertReachableByPostgresUser(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let current = path.resolve(dir);
  while (true) {
    const parent = path.dirname(current);
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) {
      throw new NetRavenError('EMBEDDED_HOME_INVALID', `NETRAVEN_HOME ${dir} is below ${current}, which the 'postgres' user cannot enter (PostgreSQL refuses to run as root): set NETRAVEN_HOME to a folder such as /var/lib/netraven`);
    }
    if (parent === current) return;
    current = parent;
  }
}
