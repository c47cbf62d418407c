import type { Knex } from 'knex';

/** How far a sweep (a retrieval job with children) is, as its job rows say. */
export interface SweepStatus {
  jobId: string;
  status: string;
  description: string;
  total: number;
  done: number;
  failed: number;
  /** Failed devices by error code, most frequent first. */
  failuresByCode: Array<{ code: string; devices: number }>;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * The sweep's job row and its failed children by code (jobs_parent_job_id_idx), or null when
 * the job is gone. The parent's counters are written by the sweep's heartbeat (every second).
 */
export async function sweepStatus(db: Knex | Knex.Transaction, jobId: string): Promise<SweepStatus | null> {
  const job = (await db('jobs')
    .where({ id: jobId })
    .first('id', 'status', 'target', 'progressTotal', 'progressDone', 'progressFailed', 'startedAt', 'finishedAt')) as
    | { id: string; status: string; target: Record<string, unknown>; progressTotal: number; progressDone: number; progressFailed: number; startedAt: Date | null; finishedAt: Date | null }
    | undefined;
  if (job === undefined) return null;
  const failures = (await db('jobs')
    .where({ parentJobId: jobId, status: 'failed' })
    .select(db.raw("coalesce(error_code, 'UNKNOWN') AS code"), db.raw('count(*)::int AS devices'))
    .groupByRaw('1')
    .orderByRaw('2 DESC, 1')) as Array<{ code: string; devices: number }>;
  return {
    jobId: job.id,
    status: job.status,
    description: typeof job.target.description === 'string' ? job.target.description : '',
    total: job.progressTotal,
    done: job.progressDone,
    failed: job.progressFailed,
    failuresByCode: failures,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
