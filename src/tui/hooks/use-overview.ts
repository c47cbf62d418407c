import type { ConsoleEvent } from '../../console/live-events.js';
import type { Overview } from '../../console/overview-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

// Module level: a stable function, so the subscription is made once.
const jobsChanged = (event: ConsoleEvent) => event.type === 'jobs';

/**
 * The overview, read again when any job changes status or logs a line (LISTEN/NOTIFY, at most
 * once a second during a sweep); never on a timer, since it counts every device.
 */
export function useOverview(): QueryState<Overview> {
  return useServiceQuery((services) => services.overview(), { live: jobsChanged, minIntervalMs: 1_000 });
}
