/**
 * A long list paged from the database (devices, jobs, versions…): holds a window of rows
 * around the selection (paging/row-window.ts), handles the list movement commands while
 * `isActive`, and reads the next slice before the selection reaches the edge. Rows are
 * sanitised as they arrive. Errors go to the banner and keep the rows already shown.
 */
import { useCallback, useContext, useLayoutEffect, useRef, useState } from 'react';
import type { ConsoleServices } from '../../console/console-services.js';
import type { SliceRequest } from '../../console/console-types.js';
import { useBanner } from '../context/banner.js';
import { ScreenContext } from '../context/screen.js';
import { useServices } from '../context/services.js';
import { useCommands } from '../keys/keymap.js';
import { EMPTY_WINDOW, extend, moveWithin, needsMore, readFirst, readLast, reread, type SliceSource, type WindowLimits, type WindowState } from '../paging/row-window.js';
import { sanitiseDeep, type Safe } from '../safe-data.js';

export interface KeysetRows<T> {
  rows: ReadonlyArray<Safe<T>>;
  selected: number;
  /** The selected row, if any: as it is now, also for a key handled before the next render. */
  readonly current: Safe<T> | undefined;
  /** No row before / after the rows held. */
  atStart: boolean;
  atEnd: boolean;
  loading: boolean;
  /** Reads the rows shown again in place. */
  refresh(): void;
}

export interface KeysetOptions {
  /** Rows visible at once (a page for PgDn/PgUp, and how early the next slice is read). */
  pageRows: number;
  /** The list has the focus: it takes the movement keys. */
  isActive: boolean;
  /** Start again from the top when one of these changes (filter, sort). */
  deps?: readonly unknown[];
  limits?: WindowLimits;
}

const DEFAULT_LIMITS: WindowLimits = { slice: 200, capacity: 1_000 };

export function useKeysetRows<T>(read: (services: ConsoleServices, request: SliceRequest) => Promise<{ items: Array<{ row: T; cursor: string }>; more: boolean }>, options: KeysetOptions): KeysetRows<T> {
  const services = useServices();
  const banner = useBanner();
  const screen = useContext(ScreenContext);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const [state, setRendered] = useState<WindowState<T>>(EMPTY_WINDOW);
  // The window as the keys left it, ahead of the render they cause: keys can come faster than frames.
  const stateRef = useRef(state);
  const setState = useCallback((update: WindowState<T> | ((current: WindowState<T>) => WindowState<T>)) => {
    stateRef.current = typeof update === 'function' ? update(stateRef.current) : update;
    setRendered(stateRef.current);
  }, []);
  const [loading, setLoading] = useState(true);
  const readRef = useRef(read);
  readRef.current = read;
  const source: SliceSource<T> = useCallback(async (request) => {
    const slice = await readRef.current(services, request);
    return { more: slice.more, items: slice.items.map((item) => ({ row: sanitiseDeep(item.row), cursor: item.cursor })) };
  }, [services]);

  // Each replacing read (first, last, again) starts a generation: an older read that lands late is dropped.
  const generation = useRef(0);
  const extending = useRef(false);
  const replace = useCallback(async (read: () => Promise<WindowState<T> | ((current: WindowState<T>) => WindowState<T>)>) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const next = await read();
      if (mine === generation.current) setState(next);
    } catch (err) {
      banner.showError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [banner, setState]);
  const grow = useCallback(async (current: WindowState<T>, side: 'after' | 'before') => {
    if (extending.current) return;
    extending.current = true;
    const mine = generation.current;
    try {
      const apply = await extend(source, current, side, limits);
      if (mine === generation.current) setState(apply);
    } catch (err) {
      banner.showError(err);
    } finally {
      extending.current = false;
    }
  }, [banner, source, limits, setState]);

  const isTop = screen?.isTop ?? true;
  const refreshToken = screen?.refreshToken ?? 0;
  const deps = options.deps ?? [];
  // A new filter or sort: from the top. Layout effects: a read must not wait for the next key
  // (see use-service-query.ts).
  useLayoutEffect(() => {
    void replace(() => readFirst(source, limits));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, ...deps]);
  // Ctrl-r and coming back to the screen: the same rows, read again.
  const firstRefresh = useRef(true);
  useLayoutEffect(() => {
    if (firstRefresh.current) {
      firstRefresh.current = false;
      return;
    }
    if (isTop) void replace(() => reread(source, stateRef.current, limits));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isTop, refreshToken]);

  // Three pages ahead: the next slice is usually there before the selection reaches the edge.
  const margin = options.pageRows * 3;
  useLayoutEffect(() => {
    const side = needsMore(state, margin);
    if (side) void grow(state, side);
  }, [state, margin, grow]);

  const move = (by: number) => setState((current) => moveWithin(current, by));
  const page = Math.max(1, options.pageRows - 1);
  useCommands(
    ['list'],
    {
      'move-down': () => move(1),
      'move-up': () => move(-1),
      'page-down': () => move(page),
      'page-up': () => move(-page),
      top: () => {
        if (stateRef.current.atStart) return move(-stateRef.current.selected);
        void replace(() => readFirst(source, limits));
      },
      bottom: () => {
        if (stateRef.current.atEnd) return move(stateRef.current.rows.length);
        void replace(() => readLast(source, limits));
      },
    },
    { isActive: options.isActive },
  );

  return {
    rows: state.rows.map((r) => r.row),
    selected: state.selected,
    get current() {
      return stateRef.current.rows[stateRef.current.selected]?.row;
    },
    atStart: state.atStart,
    atEnd: state.atEnd,
    loading,
    refresh: () => void replace(() => reread(source, stateRef.current, limits)),
  };
}
