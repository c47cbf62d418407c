/**
 * A job's log for the log screen: a window of lines paged from the database by id
 * (paging/log-window.ts) and the live tail (services.followJobLog: LISTEN/NOTIFY + lines after
 * an id, never a poll of the table). Live lines are batched and applied every 50 ms (as k9s
 * does), so a log receiving 1,000 lines a second costs at most 20 renders a second. The text
 * movement keys scroll it while `isActive`. Lines are sanitised as they arrive.
 */
import { useContext, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { logLineMatches } from '../../console/job-log-actions.js';
import type { LogFilter, LogLine, LogPage } from '../../console/console-types.js';
import { useBanner } from '../context/banner.js';
import { ScreenContext } from '../context/screen.js';
import { useServices } from '../context/services.js';
import { useCommands } from '../keys/keymap.js';
import { addLive, appendPage, EMPTY_LOG, firstShown, fromHead, fromTail, idAbove, prependPage, scrollBy, setFollow, type LogWindow } from '../paging/log-window.js';
import { sanitiseDeep } from '../safe-data.js';

/** Lines read at a time, lines held at most, and how soon live lines are drawn (ms). */
export const LOG_SLICE = 500;
export const LOG_CAPACITY = 2_000;
const FLUSH_MS = 50;
/** Live lines kept aside (unfiltered) to replay after a read that raced with the tail. */
const RING = 5_000;

export interface JobLogOptions {
  /** Rows the lines may use, and the rows one line takes (more than 1 when wrapped). */
  height: number;
  rowsOf(line: LogLine): number;
  isActive: boolean;
}

export interface JobLog {
  window: LogWindow<LogLine>;
  /** Index in window.lines of the first line shown. */
  first: number;
  loading: boolean;
  /** The job's final status once the live tail saw it finish (its last lines are in). */
  ended: string | null;
  /** Follow on (jumping to the newest line) or off. */
  follow(on: boolean): void;
}

export function useJobLog(jobId: string | undefined, filter: LogFilter, options: JobLogOptions): JobLog {
  const services = useServices();
  const banner = useBanner();
  const screen = useContext(ScreenContext);
  const isTop = screen?.isTop ?? true;
  const [, render] = useReducer((n: number) => n + 1, 0);
  const [loading, setLoading] = useState(true);
  const [ended, setEnded] = useState<string | null>(null);
  const [startId, setStartId] = useState<string | null>(null);
  const [restart, setRestart] = useState(0);
  const win = useRef<LogWindow<LogLine>>(EMPTY_LOG);
  const live = useRef({ seen: null as string | null, ring: [] as LogLine[], droppedUpTo: '0', pending: [] as LogLine[], timer: undefined as NodeJS.Timeout | undefined });
  const generation = useRef(0);
  const extending = useRef(false);
  const opts = useRef(options);
  opts.current = options;
  const matches = (line: LogLine) => logLineMatches(line, filter);
  const matchesRef = useRef(matches);
  matchesRef.current = matches;

  const set = (next: LogWindow<LogLine>) => {
    win.current = next;
    render();
  };
  const read = (request: Parameters<typeof services.jobLogPage>[2], count = false): Promise<LogPage> =>
    services.jobLogPage(jobId!, filter, request, count).then((page) => sanitiseDeep(page));
  /** Live lines that arrived while a read was running: applied after it, skipping what it already had. */
  const replay = (next: LogWindow<LogLine>): LogWindow<LogLine> => {
    const { ring, droppedUpTo } = live.current;
    if (idAbove(droppedUpTo, next.completeTo)) return { ...next, atEnd: false };
    return addLive(next, ring, matchesRef.current, LOG_CAPACITY);
  };
  const replace = async (load: () => Promise<LogWindow<LogLine> | null>) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const next = await load();
      if (mine === generation.current && next) set(next.atEnd ? replay(next) : next);
    } catch (err) {
      banner.showError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };
  const readTail = (follow: boolean) =>
    replace(async () => {
      const page = await read({ last: true, limit: LOG_SLICE }, true);
      setStartId((id) => id ?? page.lastId);
      live.current.seen ??= page.lastId;
      return fromTail(page, follow, opts.current.height, opts.current.rowsOf);
    });
  const readHead = () => replace(async () => fromHead(win.current, await read({ after: '0', limit: LOG_SLICE })));
  const extend = async (side: 'before' | 'after') => {
    const current = win.current;
    const edge = side === 'before' ? current.lines[0] : current.lines[current.lines.length - 1];
    if (extending.current || !edge) return;
    extending.current = true;
    const mine = generation.current;
    try {
      const page = await read(side === 'before' ? { before: edge.id, limit: LOG_SLICE } : { after: edge.id, limit: LOG_SLICE });
      const now = win.current;
      const nowEdge = side === 'before' ? now.lines[0] : now.lines[now.lines.length - 1];
      if (mine !== generation.current || nowEdge?.id !== edge.id) return;
      const next = side === 'before' ? prependPage(now, page, LOG_CAPACITY) : appendPage(now, page, LOG_CAPACITY);
      set(next.atEnd && !now.atEnd ? replay(next) : next);
    } catch (err) {
      banner.showError(err);
    } finally {
      extending.current = false;
    }
  };

  // The end of the log, again when the filter changes, on Ctrl-r, and on coming back.
  const refreshToken = screen?.refreshToken ?? 0;
  useLayoutEffect(() => {
    if (jobId && isTop) void readTail(win.current.follow);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, filter.minLevel, filter.device, refreshToken, isTop, restart]);

  // The live tail, from the newest line read, while the screen is shown.
  useLayoutEffect(() => {
    if (!jobId || !isTop || startId === null) return undefined;
    const stop = new AbortController();
    const state = live.current;
    const flush = () => {
      state.timer = undefined;
      const batch = state.pending;
      state.pending = [];
      set(addLive(win.current, batch, matchesRef.current, LOG_CAPACITY));
    };
    const onLines = (raw: LogLine[]) => {
      if (stop.signal.aborted || raw.length === 0) return;
      const lines = sanitiseDeep(raw);
      state.seen = lines[lines.length - 1]!.id;
      state.ring.push(...lines);
      if (state.ring.length > RING) state.droppedUpTo = state.ring.splice(0, state.ring.length - RING).pop()!.id;
      state.pending.push(...lines);
      state.timer ??= setTimeout(flush, FLUSH_MS);
    };
    services.followJobLog(jobId, state.seen ?? startId, onLines, stop.signal).then(
      ({ status }) => {
        if (!stop.signal.aborted) setEnded(status);
      },
      (err: unknown) => {
        if (!stop.signal.aborted) banner.showError(err);
      },
    );
    return () => {
      stop.abort();
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
      if (state.pending.length) flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, isTop, startId, restart]);

  // The database is back: read the end again and follow on from the last line seen.
  useLayoutEffect(() => services.subscribe((event) => {
    if (event.type === 'database' && event.state === 'back') setRestart((n) => n + 1);
  }), [services]);

  // Near an edge of the lines held: read the next page before the view reaches it.
  const { height, rowsOf } = options;
  const window = win.current;
  const first = firstShown(window, height, rowsOf);
  const margin = Math.max(height * 3, LOG_SLICE / 2);
  useLayoutEffect(() => {
    if (window.follow && !window.atEnd && !loading) void readTail(true);
    else if (!window.follow && first < margin && !window.atStart) void extend('before');
    else if (!window.follow && first + height + margin > window.lines.length && !window.atEnd) void extend('after');
  });

  const scroll = (by: number) => set(scrollBy(win.current, by, opts.current.height, opts.current.rowsOf));
  const follow = (on: boolean) => {
    if (on && !win.current.atEnd) void readTail(true);
    else set(setFollow(win.current, on, opts.current.height, opts.current.rowsOf));
  };
  const page = Math.max(1, height - 1);
  useCommands(
    ['text'],
    {
      'move-down': () => scroll(1),
      'move-up': () => scroll(-1),
      'page-down': () => scroll(page),
      'page-up': () => scroll(-page),
      top: () => (win.current.atStart ? set({ ...win.current, follow: false, top: 0 }) : void readHead()),
      bottom: () => follow(true),
    },
    { isActive: options.isActive },
  );

  return { window, first, loading, ended, follow };
}
