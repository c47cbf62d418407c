import type { Knex } from 'knex';

/** Runs fn in one read-write transaction, committed when fn resolves. */
export function inTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/**
 * Runs fn in a READ ONLY transaction: every read path uses it, so a bug can never write
 * and a read replica can serve it.
 */
export function inReadOnlyTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(fn, { readOnly: true });
}
