import os from 'node:os';
import path from 'node:path';

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

/** Where `netraven db backup` writes when no --out is given: NETRAVEN_BACKUP_DIR, else backups/ in NETRAVEN_HOME. */
export function backupDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NETRAVEN_BACKUP_DIR) return path.resolve(env.NETRAVEN_BACKUP_DIR);
  return path.join(netravenHome(env), 'backups');
}
