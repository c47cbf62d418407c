import os from 'node:os';
import path from 'node:path';
import { NetRavenError } from '../errors.js';

/**
 * NETRAVEN_HOME: where the embedded database and the keyring live.
 * Root gets /var/lib/netraven because PostgreSQL runs as the unprivileged 'postgres'
 * user, which cannot enter root's 0700 home directory.
 */
export function netravenHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETRAVEN_HOME) return path.resolve(env.NETRAVEN_HOME);
  if (env.XDG_DATA_HOME) return path.join(path.resolve(env.XDG_DATA_HOME), 'netraven');
  if (process.getuid?.() === 0) return '/var/lib/netraven';
  return path.join(os.homedir(), '.local', 'share', 'netraven');
}

/** The embedded PostgreSQL cluster's data directory inside NETRAVEN_HOME. */
export function embeddedDataDir(home: string): string {
  return path.join(home, 'postgres');
}

/** The keyring file: NETRAVEN_KEY_FILE, else keyring.json in NETRAVEN_HOME (next to, never inside, the database). */
export function keyringFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETRAVEN_KEY_FILE) return path.resolve(env.NETRAVEN_KEY_FILE);
  return path.join(netravenHome(env), 'keyring.json');
}

/**
 * NETRAVEN_KEYRING_ALLOW_INSECURE: 1/true accepts (with a warning) a keyring group or others
 * may read; unset, empty, 0 or false refuses it. Anything else is CONFIG_INVALID.
 */
export function allowInsecureKeyring(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.NETRAVEN_KEYRING_ALLOW_INSECURE ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new NetRavenError('CONFIG_INVALID', 'NETRAVEN_KEYRING_ALLOW_INSECURE must be 1 or true (accept a keyring others may read), or 0, false or unset; fix or unset it');
}

/** Where `netraven db backup` writes when no --out is given: NETRAVEN_BACKUP_DIR, else backups/ in NETRAVEN_HOME. */
export function backupDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETRAVEN_BACKUP_DIR) return path.resolve(env.NETRAVEN_BACKUP_DIR);
  return path.join(netravenHome(env), 'backups');
}
