import type { Knex } from 'knex';
import { loadEnvironment } from '../config/environment.js';
import { openKeyRotationKnex } from '../db/key-rotation-database.js';
import { withDatabase } from './database-session.js';
import { onShutdown } from './shutdown.js';

/**
 * Opens KEYROTATION_DATABASE_URL (the netraven_keyrotation role, which may re-seal
 * credentials and nothing else) when set, else the normal database.
 */
export async function withKeyRotationDatabase<T>(fn: (db: { knex: Knex }) => Promise<T>): Promise<T> {
  const env = loadEnvironment();
  if (!env.keyRotationDatabaseUrl) return withDatabase(fn);
  const knex = await openKeyRotationKnex(env.keyRotationDatabaseUrl);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= knex.destroy());
  onShutdown(close);
  try {
    return await fn({ knex });
  } finally {
    await close();
  }
}
