import type { Knex } from 'knex';
import type pg from 'pg';

/** A statement PostgreSQL parses and plans once per connection, then runs by name. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a named prepared statement on a pooled connection (or the transaction's own).
 * Rows come back as PostgreSQL returns them: alias columns in the SQL for camelCase.
 */
export async function runPrepared<R extends object>(db: Knex | Knex.Transaction, statement: PreparedStatement, values: unknown[]): Promise<R[]> {
  const client = db.client as { acquireConnection(): Promise<pg.PoolClient>; releaseConnection(c: pg.PoolClient): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query<R>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
