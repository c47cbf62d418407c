import { loadEnvironment } from '../config/environment.js';
import { openDatabase, type Database } from '../db/connection.js';
import { assertSchemaUsable, readSchemaState } from '../db/migrations.js';
import { withDatabase } from './database-session.js';
import { onShutdown } from './shutdown.js';

// A held rotation lock plus one batch transaction, and one to spare.
const ROTATION_POOL_SIZE = 3;

/**
 * Opens KEYROTATION_DATABASE_URL (the netraven_keyrotation role, which may re-seal
 * credentials and nothing else) when set, else the normal database.
 */
export async function withKeyRotationDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const env = loadEnvironment();
  if (!env.keyRotationDatabaseUrl) return withDatabase(fn);
  const db = await openDatabase({ env, url: env.keyRotationDatabaseUrl, poolSize: ROTATION_POOL_SIZE });
  onShutdown(() => db.close());
  try {
    assertSchemaUsable(await readSchemaState(db.knex));
    return await fn(db);
  } finally {
    await db.close();
  }
}
