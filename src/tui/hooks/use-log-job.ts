import { useRef } from 'react';
import type { JobView } from '../../console/jobs-actions.js';
import type { ConsoleEvent } from '../../console/live-events.js';
import { useServiceQuery } from './use-service-query.js';

// Module level: a stable function, so the subscription is made once.
const jobsChanged = (event: ConsoleEvent) => event.type === 'jobs';

/**
 * The job a log screen shows: the one named or, opened with `:log`, the newest job when the
 * screen opened (it stays that job). Read again when jobs change (LISTEN/NOTIFY, at most once
 * a second). `none`: there is no job at all.
 */
export function useLogJob(named: string | undefined): { jobId: string | undefined; job: JobView | undefined; none: boolean } {
  const pinned = useRef(named);
  const { data } = useServiceQuery(
    async (services) => {
      pinned.current ??= (await services.jobsPage({}, { limit: 1 })).items[0]?.row.id;
      return pinned.current === undefined ? null : services.job(pinned.current);
    },
    { live: jobsChanged, minIntervalMs: 1_000 },
  );
  return { jobId: pinned.current ?? data?.id, job: data ?? undefined, none: data === null };
}
