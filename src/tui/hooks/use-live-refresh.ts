import { useContext, useLayoutEffect, useRef } from 'react';
import type { ConsoleEvent } from '../../console/live-events.js';
import { ScreenContext } from '../context/screen.js';
import { useServices } from '../context/services.js';

/**
 * Calls `refresh` when a console event passes `live` (LISTEN/NOTIFY: a job changed) while the
 * screen is shown, at most once per `minIntervalMs` (a sweep's notices become one refresh a
 * second), and when the database is back. For lists held by useKeysetRows, which re-read
 * their rows in place. `live` must be stable (module level).
 */
export function useLiveRefresh(refresh: () => void, live: (event: ConsoleEvent) => boolean, minIntervalMs = 1_000): void {
  const services = useServices();
  const screen = useContext(ScreenContext);
  const isTop = screen?.isTop ?? true;
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useLayoutEffect(() => {
    if (!isTop) return undefined;
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    const run = () => {
      timer = undefined;
      last = Date.now();
      refreshRef.current();
    };
    const unsubscribe = services.subscribe((event) => {
      if (event.type === 'database' && event.state === 'back') return run();
      if (!live(event) || timer) return;
      timer = setTimeout(run, Math.max(0, last + minIntervalMs - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [services, isTop, live, minIntervalMs]);
}
