import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { seed as seedDefaultSettings } from '../../knex/seeds/01-default-settings.js';
import { seed as seedDefaultTags } from '../../knex/seeds/02-default-tags.js';
import type { LoginPassword } from '../config/login-passwords.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { asDatabaseError, serverMessage } from './pg-errors.js';
import { ensureLogins } from './logins.js';
import { assertSchemaUsable, migrationSource, readSchemaState } from './migrations.js';

const INIT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knex/init');
// Any constant works; it only has to be the same for every NetRaven process.
const INIT_LOCK = 7_419_230_001;
const EXTENSIONS = ['pgcrypto', 'pg_trgm'];
const ROLES = ['netraven_app', 'netraven_readonly', 'netraven_keyrotation'];

export interface InitOptions {
  /** Service logins to create or update (NETRAVEN_LOGIN_PASSWORD_FILES). */
  logins?: readonly LoginPassword[];
  /** This session's connection string: checks a login's password by logging in when pg_authid is not readable. */
  url?: string;
}

export interface InitResult {
  /** What this run changed; empty when the database was already initialised. */
  changes: string[];
}

async function present(db: Knex, sql: string, names: string[]): Promise<Set<string>> {
  const { rows } = await db.raw<{ rows: Array<{ name: string }> }>(sql, [names]);
  return new Set(rows.map((row) => row.name));
}

function permissionHint(err: unknown, file: string): unknown {
  const code = (err as { code?: string }).code;
  if (code === '42501') {
    return new NetRavenError('DATABASE_PERMISSION_DENIED', `${file}: ${serverMessage(err)}; run NetRaven's init as a user that may create extensions and roles, or have a DBA run knex/init/*.sql once`, { cause: err });
  }
  return err;
}

/**
 * Runs knex/init/*.sql, the shipped migrations, the default settings and tags, and the service
 * logins given, under an advisory lock so concurrent starts do not race. Safe to repeat: a
 * second run changes nothing.
 */
export async function initDatabase(db: Knex, options: InitOptions = {}): Promise<InitResult> {
  const connection = await db.client.acquireConnection();
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [INIT_LOCK]);
    assertSchemaUsable(await readSchemaState(db), { allowUninitialised: true });
    const changes: string[] = [];

    const extensionsBefore = await present(db, 'SELECT extname AS name FROM pg_extension WHERE extname = ANY(?)', EXTENSIONS);
    const rolesBefore = await present(db, 'SELECT rolname AS name FROM pg_roles WHERE rolname = ANY(?)', ROLES);
    for (const file of fs.readdirSync(INIT_DIR).filter((f) => f.endsWith('.sql')).sort()) {
      const sql = fs.readFileSync(path.join(INIT_DIR, file), 'utf8');
      await db.raw(sql).catch((err: unknown) => {
        throw permissionHint(err, `knex/init/${file}`);
      });
    }
    EXTENSIONS.filter((name) => !extensionsBefore.has(name)).forEach((name) => changes.push(`created extension ${name}`));
    ROLES.filter((name) => !rolesBefore.has(name)).forEach((name) => changes.push(`created role ${name}`));

    const [, applied] = (await db.migrate.latest({ migrationSource }).catch((err: unknown) => {
      throw permissionHint(err, 'knex/migrations');
    })) as [number, string[]];
    applied.forEach((name) => changes.push(`applied migration ${name.replace(/\.[jt]s$/, '')}`));

    const added = await seedDefaultSettings(db);
    if (added.length > 0) changes.push(`added ${added.length} default settings`);
    for (const tag of await seedDefaultTags(db)) changes.push(`added the tag ${tag}`);
    changes.push(...(await ensureLogins(db, options.logins ?? [], options.url).catch((err: unknown) => {
      throw permissionHint(err, 'service logins');
    })));
    return { changes };
  } catch (err) {
    if (isNetRavenError(err)) throw err;
    // A class an operator can fix (disk full, read-only, timeout…) keeps its own code.
    const mapped = asDatabaseError(err);
    if (mapped && mapped.code !== 'INTERNAL') throw mapped;
    throw new NetRavenError('INIT_FAILED', `database initialisation failed: ${serverMessage(err)}`, { cause: err });
  } finally {
    await connection.query('SELECT pg_advisory_unlock($1)', [INIT_LOCK]).catch(() => undefined);
    await db.client.releaseConnection(connection);
  }
}
