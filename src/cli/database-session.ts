import { openDatabase, type Database } from '../db/connection.js';
import { assertSchemaUsable, readSchemaState } from '../db/migrations.js';
import { onShutdown } from './shutdown.js';

/** Opens the database for one command, checks the schema, and always closes it. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, options: { allowUninitialised?: boolean } = {}): Promise<T> {
  const db = await openDatabase();
  onShutdown(() => db.close());
  try {
    assertSchemaUsable(await readSchemaState(db.knex), options);
    return await fn(db);
  } finally {
    await db.close();
  }
}
