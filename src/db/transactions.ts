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

/**
 * Run by a service inside the transaction of a change, after the change, with what it stored
 * (the console records who changed what with it: src/jobs/change-record.ts). Throwing rolls
 * the change back.
 */
export type RecordHook<T> = (trx: Knex.Transaction, result: T) => Promise<unknown>;
