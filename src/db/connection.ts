import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers, Model } from 'objection';
import pg from 'pg';
import { loadEnvironment, type Environment } from '../config/environment.js';
import { resolveSettings } from '../config/settings.js';
import { openEmbeddedServer, type EmbeddedServer } from './embedded/embedded-server.js';
import { toDatabaseError } from './pg-errors.js';
import { keepQueryDetailsApart } from './query-details.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { tlsError } from './tls-errors.js';

/** An open database: one knex instance (and pool) per process, bound to the models. */
export interface Database {
  knex: Knex;
  url: string;
  /** The embedded cluster's home when no DATABASE_URL was given. */
  embeddedHome?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  env?: Environment;
  /** An explicit connection string; wins over DATABASE_URL. */
  url?: string;
  /** The pool size to use instead of the setting database.pool_size (a role that may not read settings). */
  poolSize?: number;
  /** The setting that sizes the pool (default database.pool_size; serve-ssh: console.pool_size). */
  poolSetting?: PoolSetting;
}

/** Settings that size a process's pool. */
export type PoolSetting = 'database.pool_size' | 'console.pool_size';

const APPLICATION_NAME = `netraven:${process.pid}`;

/** Reads the pool size setting before the pool exists; also proves the server answers and the login works. */
async function probe(url: string, setting: PoolSetting): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    // Asked first, so a login that may not read settings (netraven_rotator) leaves no error in the server log.
    const readable = await client.query<{ ok: boolean }>(
      "SELECT CASE WHEN to_regclass('public.system_settings') IS NULL THEN false ELSE has_table_privilege('public.system_settings', 'SELECT') END AS ok",
    );
    const { rows } = readable.rows[0]?.ok
      ? await client.query<{ key: string; value: unknown }>('SELECT key, value FROM system_settings WHERE key = $1', [setting])
        .catch(() => ({ rows: [] as Array<{ key: string; value: unknown }> }))
      : { rows: [] as Array<{ key: string; value: unknown }> };
    return resolveSettings(rows)[setting];
  } catch (err) {
    throw tlsError(err, url) ?? toDatabaseError(err, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the knex instance for a URL with the pool size given; used by openDatabase and tests. */
export function createKnex(url: string, poolSize: number): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 10_000 },
    pool: { min: 0, max: poolSize },
    // Never interpolate parameters into error messages (they may hold sealed secrets or configurations).
    compileSqlOnError: false,
    ...knexSnakeCaseMappers(),
  });
  keepQueryDetailsApart(knex);
  return knex;
}

/** A refused login whose password came from a file says so: that file is what to check. */
function passwordFileHint(err: unknown, env: Environment, url: string): unknown {
  const file = url === env.databaseUrl ? env.databasePasswordFile : url === env.keyRotationDatabaseUrl ? env.keyRotationDatabasePasswordFile : undefined;
  if (!isNetRavenError(err, 'DATABASE_AUTH_FAILED') || file === undefined) return err;
  return new NetRavenError(err.code, `${err.message}; the password is read from ${file} and must be the login's (\`db init\` sets the service logins' from NETRAVEN_LOGIN_PASSWORD_FILES)`, { cause: err.cause });
}

/** Opens DATABASE_URL, or the embedded PostgreSQL under NETRAVEN_HOME when it is unset. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const env = options.env ?? loadEnvironment();
  const explicit = options.url ?? env.databaseUrl;
  let embedded: EmbeddedServer | undefined;
  const url = explicit ?? (embedded = await openEmbeddedServer(env.home)).url;
  try {
    // Always probed: a refused login or TLS failure is reported here, in one line, for every caller.
    const probedSize = await probe(url, options.poolSetting ?? 'database.pool_size');
    const poolSize = options.poolSize ?? probedSize;
    const knex = createKnex(url, poolSize);
    Model.knex(knex);
    let closed = false;
    return {
      knex,
      url,
      embeddedHome: embedded ? env.home : undefined,
      async close() {
        if (closed) return;
        closed = true;
        await knex.destroy();
        await embedded?.release();
      },
    };
  } catch (err) {
    await embedded?.release();
    throw passwordFileHint(err, env, url);
  }
}
