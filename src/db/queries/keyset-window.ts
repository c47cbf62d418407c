import type { Knex } from 'knex';
import { NetRavenError } from '../../errors.js';

/** Which slice of an ordered list to read; at most one of after/before/from/last. */
export interface SliceRequest {
  /** Rows after this cursor. */
  after?: string;
  /** Rows before this cursor (the ones just above it), still returned in list order. */
  before?: string;
  /** Rows from this cursor on, itself included (re-reading a window in place). */
  from?: string;
  /** The last rows of the list. */
  last?: boolean;
  limit: number;
}

/** Rows in list order, each with its cursor; `more`: there are rows beyond them in the direction read. */
export interface Slice<T> {
  items: Array<{ row: T; cursor: string }>;
  more: boolean;
}

/** One sort key: an SQL expression over the query's tables and the type its cursor value is cast back to. */
export interface SortKey {
  sql: string;
  cast: 'text' | 'uuid' | 'timestamptz' | 'bigint' | 'integer';
}

function parseCursor(cursor: string, keys: readonly SortKey[]): string[] {
  try {
    const values = JSON.parse(cursor) as unknown;
    if (Array.isArray(values) && values.length === keys.length && values.every((v) => typeof v === 'string')) return values as string[];
  } catch {
    // Falls through to the error below.
  }
  throw new NetRavenError('INPUT_INVALID', 'not a cursor of this list (it changed its order?): start again from the top');
}

/**
 * Reads a slice of `query` ordered by `keys` (all in `order`; the last key must make the order
 * total, e.g. the id). Keyset paging both ways: "after", "before" and "last" are one index
 * range scan each, so the end of a 100,000-row list is as quick as its start, and rows added
 * meanwhile never shift what the next slice shows. The cursor is the keys' text, as JSON.
 */
export async function readSlice<T>(query: Knex.QueryBuilder, keys: readonly SortKey[], order: 'asc' | 'desc', request: SliceRequest): Promise<Slice<T>> {
  const forward = request.before === undefined && !request.last;
  const ascending = (order === 'asc') === forward;
  const cursorSql = `json_build_array(${keys.map((k) => `(${k.sql})::text`).join(', ')})::text AS keyset_cursor`;
  const tuple = `(${keys.map((k) => k.sql).join(', ')})`;
  const placeholders = `(${keys.map((k) => `?::${k.cast}`).join(', ')})`;
  const q = query.clone().select(query.client.raw(cursorSql));
  const bound = request.after ?? request.before ?? request.from;
  if (bound !== undefined) {
    const op = request.from !== undefined ? (order === 'asc' ? '>=' : '<=') : ascending ? '>' : '<';
    q.whereRaw(`${tuple} ${op} ${placeholders}`, parseCursor(bound, keys));
  }
  for (const key of keys) q.orderByRaw(`${key.sql} ${ascending ? 'ASC' : 'DESC'}`);
  const rows = (await q.limit(request.limit + 1)) as Array<T & { keysetCursor: string }>;
  const more = rows.length > request.limit;
  const kept = rows.slice(0, request.limit);
  if (!forward) kept.reverse();
  return {
    more,
    items: kept.map((row) => {
      const { keysetCursor, ...rest } = row;
      return { row: rest as T, cursor: keysetCursor };
    }),
  };
}
