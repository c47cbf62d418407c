import type { Knex } from 'knex';
import { LOCK_NAMESPACE, LOCKS } from '../advisory-locks.js';
import type { LogLevel } from '../models/job-log.model.js';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface NewJobLog {
  jobId: string;
  deviceId?: string | null;
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
  createdAt?: Date;
}

/** The channel that carries "job J has rows up to id N" to every follower. */
export const JOB_LOGS_CHANNEL = 'netraven_job_logs';

/** What a job-log notification carries: the job, its parent (so a sweep's follower hears its devices) and the last id. */
export interface JobLogsNotice {
  jobId: string;
  parentJobId: string | null;
  lastId: string;
}

// One statement for any batch size: the rows travel as parallel arrays and unnest() turns
// them back into rows, so PostgreSQL plans it once per connection however many rows come.
//
// Followers read "rows after id N". Identity ids are handed out when a row is inserted, not
// when it commits, so two concurrent writers could make id 11 visible before id 10 and a
// follower would skip 10. The transaction-scoped advisory lock (taken before any row is
// produced, held until commit) makes inserts, and so id visibility, strictly ordered. A batch
// takes a millisecond or two, so the lock costs nothing at the rates a writer batches at.
//
// NOTIFY is transactional: the follower hears about the rows only once they are visible,
// one notice per job per batch (not per row).
const APPEND_LOGS: PreparedStatement = {
  name: 'append_job_logs',
  text: `WITH ordered AS (SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCKS.jobLogOrder})),
         inserted AS (
           INSERT INTO job_logs (job_id, device_id, level, message, data, created_at)
           SELECT u.* FROM ordered,
             unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[]) AS u
           RETURNING id, job_id
         ),
         notices AS (
           SELECT pg_notify('${JOB_LOGS_CHANNEL}', json_build_object(
                    'jobId', i.job_id, 'parentJobId', j.parent_job_id, 'lastId', max(i.id)::text)::text)
           FROM inserted i LEFT JOIN jobs j ON j.id = i.job_id
           GROUP BY i.job_id, j.parent_job_id
         )
         SELECT id, (SELECT count(*) FROM notices) AS notices FROM inserted ORDER BY id`,
};

/** Appends log rows in one round trip, in the order given, and notifies followers; returns the new ids (as strings). */
export async function appendJobLogs(db: Knex | Knex.Transaction, logs: readonly NewJobLog[]): Promise<string[]> {
  if (logs.length === 0) return [];
  const now = new Date();
  const rows = await runPrepared<{ id: string }>(db, APPEND_LOGS, [
    logs.map((log) => log.jobId),
    logs.map((log) => log.deviceId ?? null),
    logs.map((log) => log.level),
    logs.map((log) => log.message),
    logs.map((log) => JSON.stringify(log.data ?? {})),
    logs.map((log) => log.createdAt ?? now),
  ]);
  return rows.map((row) => String(row.id));
}

/** Parses a job-log notification payload; undefined when it is not one of ours. */
export function parseJobLogsNotice(payload: string | undefined): JobLogsNotice | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<JobLogsNotice>;
    if (typeof value.jobId !== 'string' || typeof value.lastId !== 'string') return undefined;
    return { jobId: value.jobId, parentJobId: typeof value.parentJobId === 'string' ? value.parentJobId : null, lastId: value.lastId };
  } catch {
    return undefined;
  }
}
