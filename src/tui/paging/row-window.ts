/**
 * The rows of a long list a screen holds: a contiguous window of at most `capacity` rows
 * around the selection, read from the database in slices (keyset paging both ways). Moving
 * near an edge of the window reads the next slice and drops rows far behind, so 100,000
 * devices scroll with a few hundred rows in memory. No Ink here: useKeysetRows drives it.
 */
import type { Slice, SliceRequest } from '../../console/console-types.js';

export type SliceSource<T> = (request: SliceRequest) => Promise<Slice<T>>;

export interface WindowState<T> {
  rows: ReadonlyArray<{ row: T; cursor: string }>;
  /** Index of the selected row in `rows`. */
  selected: number;
  /** No row before / after the window. */
  atStart: boolean;
  atEnd: boolean;
}

export const EMPTY_WINDOW: WindowState<never> = { rows: [], selected: 0, atStart: true, atEnd: true };

export interface WindowLimits {
  /** Rows per read. */
  slice: number;
  /** Rows kept at most. */
  capacity: number;
}

/** The first rows of the list, the first selected. */
export async function readFirst<T>(source: SliceSource<T>, limits: WindowLimits): Promise<WindowState<T>> {
  const slice = await source({ limit: limits.slice });
  return { rows: slice.items, selected: 0, atStart: true, atEnd: !slice.more };
}

/** The last rows of the list, the last selected. */
export async function readLast<T>(source: SliceSource<T>, limits: WindowLimits): Promise<WindowState<T>> {
  const slice = await source({ last: true, limit: limits.slice });
  return { rows: slice.items, selected: Math.max(0, slice.items.length - 1), atStart: !slice.more, atEnd: true };
}

/**
 * The same window read again in place (Ctrl-r, a live change): from its first row on. Applied to
 * the state as it is when the rows arrive, keeping the row selected then (by cursor): a key
 * pressed while the read was on its way is not undone.
 */
export async function reread<T>(source: SliceSource<T>, state: WindowState<T>, limits: WindowLimits): Promise<(current: WindowState<T>) => WindowState<T>> {
  const first = state.rows[0];
  if (!first || state.atStart) {
    const fresh = await source({ limit: Math.max(limits.slice, state.rows.length) });
    return (current) => keepSelection(current, { rows: fresh.items, selected: 0, atStart: true, atEnd: !fresh.more });
  }
  const fresh = await source({ from: first.cursor, limit: Math.max(limits.slice, state.rows.length) });
  return (current) => keepSelection(current, { rows: fresh.items, selected: 0, atStart: false, atEnd: !fresh.more });
}

function keepSelection<T>(old: WindowState<T>, next: WindowState<T>): WindowState<T> {
  const cursor = old.rows[old.selected]?.cursor;
  const at = cursor === undefined ? -1 : next.rows.findIndex((r) => r.cursor === cursor);
  return { ...next, selected: at >= 0 ? at : Math.min(old.selected, Math.max(0, next.rows.length - 1)) };
}

/** Moves the selection within the rows held (never reads). */
export function moveWithin<T>(state: WindowState<T>, by: number): WindowState<T> {
  const selected = Math.max(0, Math.min(state.rows.length - 1, state.selected + by));
  return selected === state.selected ? state : { ...state, selected };
}

/** True when the selection is within `margin` rows of an edge that has more rows beyond it. */
export function needsMore<T>(state: WindowState<T>, margin: number): 'after' | 'before' | null {
  if (!state.atEnd && state.selected >= state.rows.length - 1 - margin) return 'after';
  if (!state.atStart && state.selected <= margin) return 'before';
  return null;
}

/** Reads the next slice in that direction and joins it to the window, dropping rows at the far end beyond capacity. */
export async function extend<T>(source: SliceSource<T>, state: WindowState<T>, side: 'after' | 'before', limits: WindowLimits): Promise<(current: WindowState<T>) => WindowState<T>> {
  const edge = side === 'after' ? state.rows[state.rows.length - 1] : state.rows[0];
  if (!edge) return (current) => current;
  const slice = await source(side === 'after' ? { after: edge.cursor, limit: limits.slice } : { before: edge.cursor, limit: limits.slice });
  // Applied to the state as it is when the slice arrives (the selection may have moved meanwhile).
  return (current) => {
    const currentEdge = side === 'after' ? current.rows[current.rows.length - 1] : current.rows[0];
    if (currentEdge?.cursor !== edge.cursor) return current;
    if (side === 'after') {
      const rows = [...current.rows, ...slice.items];
      const drop = Math.max(0, rows.length - limits.capacity);
      return { rows: rows.slice(drop), selected: current.selected - drop, atStart: current.atStart && drop === 0, atEnd: !slice.more };
    }
    const rows = [...slice.items, ...current.rows];
    const keep = Math.min(rows.length, limits.capacity);
    return { rows: rows.slice(0, keep), selected: current.selected + slice.items.length, atStart: !slice.more, atEnd: current.atEnd && keep === rows.length };
  };
}
