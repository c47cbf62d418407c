/**
 * The one way screens get data: a load function over the console services, run when the
 * screen opens, on Ctrl-r, when its inputs change, when the database is back, and (for live
 * screens) when a console event says something changed — at most once per `minIntervalMs`.
 * Results are sanitised before any component sees them (safe-data.ts). A failure keeps the
 * last data on screen and shows the error in the banner; the next success clears it.
 */
import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConsoleServices } from '../../console/console-services.js';
import type { ConsoleEvent } from '../../console/live-events.js';
import { describeError, useBanner } from '../context/banner.js';
import { ScreenContext } from '../context/screen.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep, type Safe } from '../safe-data.js';

export interface QueryState<T> {
  /** The last data read (kept while a refresh runs or after one failed). */
  data: Safe<T> | undefined;
  /** The error of the last read, cleared by the next success. */
  error: unknown;
  loading: boolean;
  /** False while `data` was read for other `deps` than the present ones (a filter just typed): show it as pending, do not act on it. */
  current: boolean;
  refresh(): void;
}

export interface QueryOptions {
  /** Read again when one of these changes (a filter, an id). */
  deps?: readonly unknown[];
  /** Read again when an event passes this test (e.g. jobs changed); leave out for data that only changes on request. */
  live?: (event: ConsoleEvent) => boolean;
  /** Live refreshes come at most this often (ms, default 1000); Ctrl-r and deps are immediate. */
  minIntervalMs?: number;
  /** Read again this often (ms) for what no NOTIFY announces (pg_stat_activity); never for whole tables. */
  pollMs?: number;
}

/** Whether two deps lists name the same inputs (React's rule: Object.is per item). */
function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}

/** Deep equality of two sanitised results (plain data: JSON says it). */
function sameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const NO_DEPS: readonly unknown[] = [];

export function useServiceQuery<T>(load: (services: ConsoleServices) => Promise<T>, options: QueryOptions = {}): QueryState<T> {
  const services = useServices();
  const banner = useBanner();
  const screen = useContext(ScreenContext);
  const isTop = screen?.isTop ?? true;
  const refreshToken = screen?.refreshToken ?? 0;
  const deps = options.deps ?? NO_DEPS;
  const [state, setState] = useState<{ data: Safe<T> | undefined; error: unknown; loading: boolean; deps: readonly unknown[] }>({ data: undefined, error: undefined, loading: true, deps });
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const flight = useRef<{ running: boolean; again: boolean; lastStart: number; timer?: NodeJS.Timeout; mounted: boolean; errorText?: string }>({ running: false, again: false, lastStart: 0, mounted: true });

  const run = useCallback(async (): Promise<void> => {
    const f = flight.current;
    if (f.running) {
      f.again = true;
      return;
    }
    f.running = true;
    f.lastStart = Date.now();
    const askedFor = depsRef.current;
    // Inputs changed while this read ran (keys typed while a query waited on a lock): its answer
    // (or error) is for a filter no longer shown, and reads finishing out of order must not put it
    // on screen. The read for the present inputs follows.
    const superseded = (): boolean => {
      if (sameDeps(askedFor, depsRef.current)) return false;
      f.again = true;
      return true;
    };
    try {
      const data = sanitiseDeep(await loadRef.current(services));
      if (!f.mounted || superseded()) return;
      if (f.errorText) banner.clear(f.errorText);
      f.errorText = undefined;
      // The same data again (a poll, a live refresh that changed nothing here) renders nothing:
      // with 50 SSH sessions polling, re-rendering identical frames was most of the idle CPU.
      setState((previous) => (previous.error === undefined && !previous.loading && previous.deps === askedFor && sameData(previous.data, data) ? previous : { data, error: undefined, loading: false, deps: askedFor }));
    } catch (err) {
      if (!f.mounted || superseded()) return;
      f.errorText = describeError(err);
      banner.showError(err);
      setState((previous) => ({ ...previous, error: err, loading: false }));
    } finally {
      f.running = false;
      if (f.again && f.mounted) {
        f.again = false;
        void run();
      }
    }
  }, [services, banner]);

  const minIntervalMs = options.minIntervalMs ?? 1_000;
  /** A live refresh: now if the last read is old enough, else once at the end of the interval. */
  const schedule = useCallback(() => {
    const f = flight.current;
    if (f.timer) return;
    const wait = Math.max(0, f.lastStart + minIntervalMs - Date.now());
    f.timer = setTimeout(() => {
      f.timer = undefined;
      void run();
    }, wait);
  }, [run, minIntervalMs]);

  useEffect(() => {
    const f = flight.current;
    f.mounted = true;
    return () => {
      f.mounted = false;
      if (f.timer) clearTimeout(f.timer);
    };
  }, []);

  // First read, Ctrl-r, changed inputs, and coming back to this screen. Layout effects here
  // and below: React ran passive effects of a key's render only at the next input in this
  // app (see the development log), and a read must not wait for the operator's next key.
  useLayoutEffect(() => {
    if (isTop) void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, isTop, refreshToken, ...(options.deps ?? [])]);

  const live = options.live;
  useLayoutEffect(() => {
    if (!isTop) return undefined;
    return services.subscribe((event) => {
      if (event.type === 'database' && event.state === 'back') void run();
      else if (live?.(event)) schedule();
    });
  }, [services, isTop, live, run, schedule]);

  const pollMs = options.pollMs;
  useLayoutEffect(() => {
    if (!isTop || !pollMs) return undefined;
    const timer = setInterval(() => void run(), pollMs);
    return () => clearInterval(timer);
  }, [isTop, pollMs, run]);

  return { data: state.data, error: state.error, loading: state.loading, current: sameDeps(state.deps, deps), refresh: () => void run() };
}
