/**
 * The SQL text and parameters of a failed query, kept beside the error instead of in its
 * message. knex would put the statement with every parameter interpolated into the message
 * (a sealed secret, a whole configuration, a searched password), and the message reaches logs,
 * job rows and terminals; here it stays the server's own message, and only `--verbose` asks
 * for the statement, with parameters summarised so none that could hold a secret is shown.
 */
import type { Knex } from 'knex';

interface QueryDetails {
  sql: string;
  bindings: readonly unknown[];
}

const details = new WeakMap<object, QueryDetails>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Makes `knex` keep failed queries' details out of error messages: with compileSqlOnError off,
 * knex prefixes only the statement (`<sql> - <server message>`); this strips that prefix again
 * and remembers the statement for {@link describeFailedQuery}.
 */
export function keepQueryDetailsApart(knex: Knex): void {
  knex.on('query-error', (err: unknown, query: { sql?: unknown; bindings?: unknown }) => {
    if (typeof err !== 'object' || err === null || typeof query?.sql !== 'string') return;
    const error = err as { message?: unknown };
    const prefix = `${query.sql} - `;
    if (typeof error.message === 'string' && error.message.startsWith(prefix)) error.message = error.message.slice(prefix.length);
    details.set(err, { sql: query.sql, bindings: Array.isArray(query.bindings) ? query.bindings : [] });
  });
}

/** One parameter as `--verbose` shows it: numbers, booleans, null, dates and UUIDs by value; text, bytes and JSON by size only. */
function parameter(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return UUID.test(value) ? value : `text(${value.length} characters)`;
  if (Buffer.isBuffer(value)) return `bytes(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  return 'json';
}

/**
 * The statement behind a failed query and a summary of its parameters (`$1 = 42, $2 =
 * text(9 characters)`), looked up on the error or its causes; undefined when none is known.
 */
export function describeFailedQuery(err: unknown): string | undefined {
  // Down the causes, and into objection's wrapper (DBError keeps the driver's error as nativeError).
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { nativeError?: unknown; cause?: unknown }).nativeError ?? (e as { cause?: unknown }).cause, depth++) {
    const found = details.get(e);
    if (!found) continue;
    const values = found.bindings.map((value, i) => `$${i + 1} = ${parameter(value)}`).join(', ');
    return `statement: ${found.sql.replace(/\s+/g, ' ').trim()}${values ? `\nparameters: ${values}` : ''}`;
  }
  return undefined;
}
