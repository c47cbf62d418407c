import type { Knex } from 'knex';
import type { JobKind, JobStatus } from '../models/job.model.js';
import type { JobSummary } from './list-jobs.js';
import { readSlice, type Slice, type SliceRequest, type SortKey } from './keyset-window.js';

/** A job as the console's jobs screen and log header show it: a job summary without the scheduling fields. */
export type JobListRow = Omit<JobSummary, 'scheduledFor' | 'attempts'>;

/** Which jobs a list shows: any of these statuses and any of these kinds (empty or absent: all). */
export interface JobListFilter {
  statuses?: readonly JobStatus[];
  kinds?: readonly JobKind[];
}

// Newest first; (created_at, id) is a total order, and jobs_top_level_created_idx serves it
// both ways for the rows this list shows, so a page is one index range scan however many
// device jobs the table holds.
const NEWEST_FIRST: SortKey[] = [
  { sql: 'j.created_at', cast: 'timestamptz' },
  { sql: 'j.id', cast: 'uuid' },
];

function jobColumns(db: Knex | Knex.Transaction): Knex.QueryBuilder {
  return db('jobs as j')
    .leftJoin('devices as d', 'd.id', 'j.device_id')
    .select(
      'j.id', 'j.kind', 'j.status', 'j.parent_job_id', 'j.device_id', 'd.hostname', 'j.target', 'j.requested_by',
      'j.progress_total', 'j.progress_done', 'j.progress_failed', 'j.cancel_requested', 'j.error_code', 'j.error',
      'j.created_at', 'j.started_at', 'j.finished_at',
    );
}

/**
 * A slice of the jobs operators start or schedules fire (sweeps, key rotations, purges):
 * never the device jobs of a sweep (its log shows them) nor schedule definitions. Both
 * conditions are the predicate of jobs_top_level_created_idx, which orders the slice.
 */
export function topLevelJobsSlice(db: Knex | Knex.Transaction, filter: JobListFilter, request: SliceRequest): Promise<Slice<JobListRow>> {
  const query = jobColumns(db).whereNull('j.schedule').whereNull('j.device_id');
  if (filter.statuses?.length) query.whereIn('j.status', filter.statuses);
  if (filter.kinds?.length) query.whereIn('j.kind', filter.kinds);
  return readSlice<JobListRow>(query, NEWEST_FIRST, 'desc', request);
}

/** One job (a sweep, a device job, a rotation…) with its device's hostname; undefined when there is none (or it is a schedule). */
export async function jobListRow(db: Knex | Knex.Transaction, jobId: string): Promise<JobListRow | undefined> {
  return (await jobColumns(db).where('j.id', jobId).whereNull('j.schedule').first()) as JobListRow | undefined;
}
