/**
 * The connection key rotation runs on: KEYROTATION_DATABASE_URL (the netraven_keyrotation
 * role, which may re-seal credentials and nothing else) when it is set. Shared by
 * `netraven keys rotate` and the console, which keeps its own connection for everything else.
 */
import type { Knex } from 'knex';
import { createKnex } from './connection.js';
import { assertSchemaUsable, readSchemaState } from './migrations.js';
import { toDatabaseError } from './pg-errors.js';

/** A held rotation lock plus one batch transaction, and one to spare. */
export const ROTATION_POOL_SIZE = 3;

/**
 * Opens a small pool on `url` and checks the schema (DATABASE_NOT_INITIALISED,
 * SCHEMA_TOO_NEW); connection and login failures are the usual DATABASE_* errors naming the
 * server (password redacted). Not bound to the models, so a console's own binding stays. The
 * caller destroys the returned knex.
 */
export async function openKeyRotationKnex(url: string): Promise<Knex> {
  const knex = createKnex(url, ROTATION_POOL_SIZE);
  try {
    assertSchemaUsable(await readSchemaState(knex).catch((err: unknown) => Promise.reject(toDatabaseError(err, url))));
    return knex;
  } catch (err) {
    await knex.destroy();
    throw err;
  }
}
