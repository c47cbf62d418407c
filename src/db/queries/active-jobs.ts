import type { Knex } from 'knex';
import type { JobKind, JobStatus } from '../models/job.model.js';

/** A job as the overview shows it: what, how far, who asked. */
export interface JobProgress {
  id: string;
  kind: JobKind;
  status: JobStatus;
  target: Record<string, unknown>;
  requestedBy: string | null;
  progressTotal: number;
  progressDone: number;
  progressFailed: number;
  errorCode: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = [
  'j.id', 'j.kind', 'j.status', 'j.target', 'j.requested_by', 'j.progress_total', 'j.progress_done', 'j.progress_failed',
  'j.error_code', 'j.created_at', 'j.started_at', 'j.finished_at',
];

/** Jobs an operator started or a schedule fired (not the device jobs of a sweep, not schedule definitions). */
function topLevel(db: Knex | Knex.Transaction): Knex.QueryBuilder {
  return db('jobs as j')
    .leftJoin('jobs as p', 'p.id', 'j.parent_job_id')
    .whereNull('j.schedule')
    .where((w) => w.whereNull('j.parent_job_id').orWhereNotNull('p.schedule'))
    .select(COLUMNS);
}

/** Queued and running top-level jobs, oldest first (through the (status, created_at) index). */
export async function activeJobs(db: Knex | Knex.Transaction, limit: number): Promise<JobProgress[]> {
  return (await topLevel(db).whereIn('j.status', ['queued', 'running']).orderBy('j.created_at').limit(limit)) as JobProgress[];
}

/** The newest finished sweep (a retrieval job without a device: `retrieve`, a schedule, the console); running ones are active jobs. */
export async function lastSweep(db: Knex | Knex.Transaction): Promise<JobProgress | null> {
  const row = (await topLevel(db)
    .where('j.kind', 'retrieval')
    .whereNull('j.device_id')
    .whereIn('j.status', ['succeeded', 'partially_succeeded', 'failed', 'cancelled'])
    .orderBy('j.created_at', 'desc')
    .first()) as JobProgress | undefined;
  return row ?? null;
}
