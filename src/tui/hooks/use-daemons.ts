import type { LiveDaemon } from '../../daemon/daemon-liveness.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** Daemons connected to the database, for the header; pg_stat_activity is read every 10 s (no NOTIFY tells). */
export function useDaemons(): QueryState<LiveDaemon[]> {
  return useServiceQuery((services) => services.daemons(), { pollMs: 10_000 });
}
