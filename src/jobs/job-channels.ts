import type { Knex } from 'knex';

/** NOTIFY channel: "there is work to claim" (enqueue, sweep split, release). Payload: the job kind. */
export const JOBS_CHANNEL = 'netraven_jobs';

/** NOTIFY channel: a job changed status. Payload JSON { jobId, parentJobId, status }: followers and live views refresh. */
export const JOB_STATUS_CHANNEL = 'netraven_job_status';

/** NOTIFY channel: schedule definitions changed (add/remove); the leader reloads them. */
export const SCHEDULES_CHANNEL = 'netraven_schedules';

/** Wakes idle workers of every process; transactional, so they wake once the rows are visible. */
export async function notifyJobsQueued(db: Knex | Knex.Transaction, kind: string): Promise<void> {
  await db.raw('SELECT pg_notify(?, ?)', [JOBS_CHANNEL, kind]);
}

/** Tells the scheduler leader to reload its definitions. */
export async function notifySchedulesChanged(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw('SELECT pg_notify(?, ?)', [SCHEDULES_CHANNEL, 'changed']);
}

/** Announces a job's new status (transactional: heard once it is committed). */
export async function notifyJobStatus(db: Knex | Knex.Transaction, jobId: string, parentJobId: string | null, status: string): Promise<void> {
  await db.raw('SELECT pg_notify(?, ?)', [JOB_STATUS_CHANNEL, JSON.stringify({ jobId, parentJobId, status })]);
}
