import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NetRavenError } from '../../errors.js';

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

/** Reads the identity file; undefined when the home has no cluster yet. */
export function readIdentity(home: string): EmbeddedIdentity | undefined {
  const file = identityPath(home);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${file} is not valid JSON: the NETRAVEN_HOME is damaged; restore it from a backup or point NETRAVEN_HOME at an empty folder`);
  }
  const identity = parsed as Partial<EmbeddedIdentity>;
  if (identity.format !== 1 || typeof identity.password !== 'string' || typeof identity.user !== 'string' || typeof identity.postgresMajor !== 'number') {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `${file} does not describe a NetRaven database: restore it from a backup or point NETRAVEN_HOME at an empty folder`);
  }
  return identity as EmbeddedIdentity;
}

/** Creates a new identity with a random password, written before initdb runs. */
export function createIdentity(home: string, postgresMajor: number): EmbeddedIdentity {
  const identity: EmbeddedIdentity = { format: 1, user: 'postgres', password: randomBytes(24).toString('base64url'), postgresMajor };
  fs.writeFileSync(identityPath(home), `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  return identity;
}

/** Creates NETRAVEN_HOME (0700) unless something that is not a folder stands there. */
export function ensureHomeFolder(home: string): void {
  if (fs.existsSync(home) && !fs.statSync(home).isDirectory()) {
    throw new NetRavenError('EMBEDDED_HOME_INVALID', `NETRAVEN_HOME ${home} is a file, not a folder: point NETRAVEN_HOME at a folder`);
  }
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
}

/**
 * Refuses a home that is not ours or is half-made: files we did not create, a data
 * directory without its identity (or the reverse), or a cluster of another major version.
 */
export function checkHome(home: string, dataDir: string, postgresMajor: number): 'empty' | 'ready' {
  const identity = readIdentity(home);
  const hasData = fs.existsSync(dataDir);
  if (!identity && !hasData) {
    const foreign = fs.existsSync(home) ? fs.readdirSync(home).filter((name) => !name.startsWith('.') && name !== 'keyring.json') : [];
    if (foreign.length > 0 && !foreign.every((name) => name === 'postgres.log')) {
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
