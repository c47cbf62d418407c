/** Jobs as the console lists them (newest first, keyset-paged), one job for a log's header, and cancelling. */
import type { SliceRequest, Slice } from '../db/queries/keyset-window.js';
import { jobListRow, topLevelJobsSlice, type JobListFilter, type JobListRow } from '../db/queries/top-level-jobs.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { cancelJob, type CancelResult } from '../jobs/job-cancel.js';
import { assertJobId } from '../jobs/job-queue.js';
import { describeTarget } from '../jobs/sweep.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

/** A job with what it works on in words: a sweep's target, a device job's hostname. */
export interface JobView extends Omit<JobListRow, 'target'> {
  target: string;
}

export interface JobsActions {
  /** A slice of the jobs operators start or schedules fire (no device jobs of sweeps), newest first, through the filter. */
  jobsPage(filter: JobListFilter, request: SliceRequest): Promise<Slice<JobView>>;
  /** One job; INPUT_INVALID for a malformed id, JOB_NOT_FOUND when there is none (purged?). */
  job(jobId: string): Promise<JobView>;
  /**
   * Cancels a job (src/jobs/job-cancel.ts): a queued one at once; a running one at its next
   * device (its queued devices now, running ones finish). `finished`: nothing to cancel.
   */
  cancelJob(jobId: string): Promise<CancelResult>;
}

export const JOBS_ACTIONS: Record<keyof JobsActions, ActionClass> = {
  jobsPage: 'read',
  job: 'read',
  cancelJob: 'operate',
};

/** A sweep's target in a few words (a table cell is narrow): `tag core`, else its description (hostnames, all enabled devices). */
function shortTarget(target: Record<string, unknown>): string {
  return target.kind === 'tag' && typeof target.tag === 'string' ? `tag ${target.tag}` : describeTarget(target);
}

function view(row: JobListRow): JobView {
  const target = row.hostname ?? (row.kind === 'retrieval' ? shortTarget(row.target) : typeof row.target.description === 'string' ? row.target.description : '');
  return { ...row, target };
}

export function jobsActions(ctx: ConsoleContext): JobsActions {
  return {
    async jobsPage(filter, request) {
      const slice = await inReadOnlyTransaction(ctx.knex, (trx) => topLevelJobsSlice(trx, filter, request));
      return { more: slice.more, items: slice.items.map((item) => ({ row: view(item.row), cursor: item.cursor })) };
    },
    async job(jobId) {
      const id = assertJobId(jobId);
      const row = await inReadOnlyTransaction(ctx.knex, (trx) => jobListRow(trx, id));
      if (!row) throw new NetRavenError('JOB_NOT_FOUND', `no job with id ${id}: it may have been purged (retention.job_days)`, { details: { jobId: id } });
      return view(row);
    },
    cancelJob: async (jobId) => await cancelJob(ctx.knex, jobId),
  };
}
