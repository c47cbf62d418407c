import { useMemo } from 'react';
import type { ConsoleEvent } from '../../console/live-events.js';
import type { RetrievalProgress } from '../../console/retrieval-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/**
 * How far a retrieval is. A queued one is read again when its jobs change status or log lines
 * (LISTEN/NOTIFY, from whichever daemon runs it); one running in this process is read from
 * memory twice a second (no table is read) until it has finished.
 */
export function useRetrievalProgress(jobId: string, inProcess: boolean, finished: boolean): QueryState<RetrievalProgress> {
  const live = useMemo(() => (event: ConsoleEvent) => event.type === 'jobs' && event.jobIds.has(jobId), [jobId]);
  return useServiceQuery((services) => services.retrievalProgress(jobId), { deps: [jobId], live, minIntervalMs: 500, pollMs: inProcess && !finished ? 500 : undefined });
}
