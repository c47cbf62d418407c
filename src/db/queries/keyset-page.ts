import type { Model, QueryBuilder } from 'objection';

export interface Page<T> {
  items: T[];
  /** The cursor for the next page, or null on the last one. */
  next: string | null;
}

/**
 * Keyset pagination on a unique, sortable column: "rows after X" stays fast and stable
 * while rows are added, unlike OFFSET.
 */
export async function keysetPage<M extends Model>(
  query: QueryBuilder<M, M[]>,
  column: string,
  options: { limit: number; after?: string },
  cursorOf: (row: M) => string,
): Promise<Page<M>> {
  if (options.after !== undefined) query.where(column, '>', options.after);
  const rows = await query.orderBy(column).limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  return { items, next: rows.length > options.limit ? cursorOf(items[items.length - 1]!) : null };
}
