/**
 * The lines of a job log a screen holds: a contiguous run of the log's lines (those that pass
 * the filter) of at most `capacity`, read from the database by id (keyset both ways) and, at
 * the end of the log, grown by the live tail. A 200,000-line log scrolls with a couple of
 * thousand lines in memory. No Ink here: useJobLog drives it, LogView draws it.
 *
 * Following: the view is pinned to the newest line and live lines are appended (the oldest
 * dropped beyond capacity). Paused: the view stays where it is; live lines are appended only
 * while there is room, then the window stops at its last line (`atEnd` false) and scrolling
 * down reads on from the database.
 */

/** What the window needs of a line: its id (a bigint as decimal text; ids grow). */
export interface IdentifiedLine {
  id: string;
}

export interface LogWindow<L extends IdentifiedLine> {
  lines: readonly L[];
  /** No matching line before lines[0] / after the last line (the live tail appends while atEnd). */
  atStart: boolean;
  atEnd: boolean;
  /** While atEnd: every matching line of the log up to this id is in `lines`. */
  completeTo: string;
  /** Index of the first visible line while paused (following shows the last lines). */
  top: number;
  follow: boolean;
  /** Matching lines in the whole log (counted when the filter was applied, then kept up by the live tail). */
  total: number;
  /** Lines with ids up to this one are counted in `total`. */
  countedTo: string;
  /** Matching lines that arrived while paused (shown as "N new"). */
  arrivedWhilePaused: number;
}

/** A page as the console services return it (job-log-page.ts). */
export interface LinePage<L> {
  lines: L[];
  more: boolean;
  lastId: string;
  total?: number;
}

/** True when id a is above id b (positive decimal integers as text, no leading zeros). */
export function idAbove(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

export const EMPTY_LOG: LogWindow<never> = { lines: [], atStart: true, atEnd: false, completeTo: '0', top: 0, follow: true, total: 0, countedTo: '0', arrivedWhilePaused: 0 };

/** The window after reading the end of the log (with its count): the newest lines, the follow mode kept. */
export function fromTail<L extends IdentifiedLine>(page: LinePage<L>, follow: boolean, height: number, rowsOf: (line: L) => number): LogWindow<L> {
  const top = bottomTop(page.lines, height, rowsOf);
  return { lines: page.lines, atStart: !page.more, atEnd: true, completeTo: page.lastId, top, follow, total: page.total ?? 0, countedTo: page.lastId, arrivedWhilePaused: 0 };
}

/** The window after reading the start of the log (`g` far from it): the first lines, paused. */
export function fromHead<L extends IdentifiedLine>(current: LogWindow<L>, page: LinePage<L>): LogWindow<L> {
  return { ...current, lines: page.lines, atStart: true, atEnd: !page.more, completeTo: page.more ? '0' : page.lastId, top: 0, follow: false };
}

/**
 * Live lines (unfiltered, oldest first, from the live tail): counted when they match, and
 * appended while the window reaches the end of the log. Lines already held or counted (a
 * replay after a read) are skipped by id.
 */
export function addLive<L extends IdentifiedLine>(current: LogWindow<L>, batch: readonly L[], matches: (line: L) => boolean, capacity: number): LogWindow<L> {
  const upTo = batch[batch.length - 1]?.id;
  if (upTo === undefined) return current;
  const counted = batch.filter((line) => idAbove(line.id, current.countedTo) && matches(line)).length;
  const next = {
    ...current,
    total: current.total + counted,
    countedTo: idAbove(upTo, current.countedTo) ? upTo : current.countedTo,
    arrivedWhilePaused: current.arrivedWhilePaused + (current.follow ? 0 : counted),
  };
  if (!current.atEnd) return next;
  const add = batch.filter((line) => idAbove(line.id, current.completeTo) && matches(line));
  const completeTo = idAbove(upTo, current.completeTo) ? upTo : current.completeTo;
  if (current.follow) {
    const lines = add.length ? [...current.lines, ...add] : current.lines;
    const drop = Math.max(0, lines.length - capacity);
    return { ...next, lines: drop ? lines.slice(drop) : lines, atStart: current.atStart && drop === 0, completeTo };
  }
  const room = Math.max(0, capacity - current.lines.length);
  if (add.length <= room) return { ...next, lines: add.length ? [...current.lines, ...add] : current.lines, completeTo };
  // Full while paused: keep what is on screen; the rest is read from the database on the way down.
  return { ...next, lines: [...current.lines, ...add.slice(0, room)], atEnd: false };
}

/** Lines read before the first one (scrolling up): the view stays on the same lines. */
export function prependPage<L extends IdentifiedLine>(current: LogWindow<L>, page: LinePage<L>, capacity: number): LogWindow<L> {
  const joined = [...page.lines, ...current.lines];
  const cut = joined.length > capacity;
  return { ...current, lines: cut ? joined.slice(0, capacity) : joined, top: current.top + page.lines.length, atStart: !page.more, atEnd: current.atEnd && !cut };
}

/** Lines read after the last one (scrolling down): the view stays on the same lines. */
export function appendPage<L extends IdentifiedLine>(current: LogWindow<L>, page: LinePage<L>, capacity: number): LogWindow<L> {
  const joined = [...current.lines, ...page.lines];
  const drop = Math.max(0, joined.length - capacity);
  const atEnd = !page.more;
  return {
    ...current,
    lines: drop ? joined.slice(drop) : joined,
    top: Math.max(0, current.top - drop),
    atStart: current.atStart && drop === 0,
    atEnd,
    completeTo: atEnd ? page.lastId : current.completeTo,
  };
}

/** The first line shown when the last lines fill `height` rows (`rowsOf`: rows a line takes, 1 unless wrapped). */
export function bottomTop<L>(lines: readonly L[], height: number, rowsOf: (line: L) => number): number {
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    used += rowsOf(lines[i]!);
    // A line taller than the view by itself is still shown (its first rows).
    if (used > height) return Math.min(i + 1, lines.length - 1);
  }
  return 0;
}

/** The first line shown now. */
export function firstShown<L extends IdentifiedLine>(window: LogWindow<L>, height: number, rowsOf: (line: L) => number): number {
  return window.follow ? bottomTop(window.lines, height, rowsOf) : Math.min(window.top, Math.max(0, window.lines.length - 1));
}

/**
 * Scrolls by `by` lines (negative: up). Scrolling up pauses following; scrolling down onto
 * the last line of a window that reaches the end of the log follows again.
 */
export function scrollBy<L extends IdentifiedLine>(current: LogWindow<L>, by: number, height: number, rowsOf: (line: L) => number): LogWindow<L> {
  const bottom = bottomTop(current.lines, height, rowsOf);
  const from = current.follow ? bottom : current.top;
  if (by < 0) return { ...current, follow: false, top: Math.max(0, from + by) };
  if (current.follow) return current;
  const top = Math.min(bottom, from + by);
  if (top >= bottom && current.atEnd) return { ...current, follow: true, top: bottom, arrivedWhilePaused: 0 };
  return { ...current, top };
}

/** Follow on (at the newest line) or off (staying on the lines shown). */
export function setFollow<L extends IdentifiedLine>(current: LogWindow<L>, follow: boolean, height: number, rowsOf: (line: L) => number): LogWindow<L> {
  if (follow) return { ...current, follow: true, top: bottomTop(current.lines, height, rowsOf), arrivedWhilePaused: 0 };
  if (!current.follow) return current;
  return { ...current, follow: false, top: bottomTop(current.lines, height, rowsOf) };
}
