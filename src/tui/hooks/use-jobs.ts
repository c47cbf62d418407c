import type { JobListFilter } from '../../console/console-types.js';
import type { JobView } from '../../console/jobs-actions.js';
import type { ConsoleEvent } from '../../console/live-events.js';
import { useKeysetRows, type KeysetRows } from './use-keyset-rows.js';
import { useLiveRefresh } from './use-live-refresh.js';

// Module level: a stable function, so the subscription is made once.
const jobsChanged = (event: ConsoleEvent) => event.type === 'jobs';

/**
 * The jobs list, newest first, keyset-paged from the database through the filter, and re-read
 * in place when a job changes status, logs or is queued (LISTEN/NOTIFY; at most once a second).
 */
export function useJobs(filter: JobListFilter, options: { pageRows: number; isActive: boolean }): KeysetRows<JobView> {
  const rows = useKeysetRows((services, request) => services.jobsPage(filter, request), {
    pageRows: options.pageRows,
    isActive: options.isActive,
    deps: [filter.statuses?.join(','), filter.kinds?.join(',')],
    limits: { slice: 100, capacity: 500 },
  });
  useLiveRefresh(rows.refresh, jobsChanged);
  return rows;
}
