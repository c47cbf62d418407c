import os from 'node:os';
import type { Knex } from 'knex';
import { Job, type JobKind } from '../db/models/job.model.js';
import { inReadOnlyTransaction, inTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { notifyJobsQueued } from './job-channels.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses text that cannot be a job id before it reaches PostgreSQL (which would say "invalid input syntax"). */
export function assertJobId(text: string, what = 'job'): string {
  const id = text.trim();
  if (!UUID.test(id)) {
    throw new NetRavenError('INPUT_INVALID', `"${text}" is not a ${what} id: ids are UUIDs such as 0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f (see \`netraven ${what === 'job' ? 'jobs' : 'schedules'} list\`)`);
  }
  return id.toLowerCase();
}

export interface NewJob {
  kind: JobKind;
  target?: Record<string, unknown>;
  deviceId?: string | null;
  parentJobId?: string | null;
  requestedBy?: string | null;
  runAt?: Date;
}

/** Queues a job and wakes the workers of every process; returns the stored row. */
export function enqueueJob(db: Knex, job: NewJob): Promise<Job> {
  return inTransaction(db, async (trx) => {
    const row = await Job.query(trx).insertAndFetch({
      kind: job.kind,
      target: job.target ?? {},
      deviceId: job.deviceId ?? null,
      parentJobId: job.parentJobId ?? null,
      requestedBy: job.requestedBy ?? null,
      ...(job.runAt ? { runAt: job.runAt } : {}),
    });
    await notifyJobsQueued(trx, job.kind);
    return row;
  });
}

/** One job (never a schedule definition); JOB_NOT_FOUND when there is none with this id. */
export async function getJob(db: Knex, id: string): Promise<Job> {
  const jobId = assertJobId(id);
  const job = await inReadOnlyTransaction(db, async (trx) => await Job.query(trx).findById(jobId).whereNull('schedule'));
  if (!job) throw new NetRavenError('JOB_NOT_FOUND', `no job with id ${jobId}: it may have been purged (retention.job_days); see \`netraven jobs list\``, { details: { jobId } });
  return job;
}

/** Who asks for something from this process: user@host, for requested_by. */
export function requester(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (containers with an arbitrary uid): keep $USER.
  }
  return `${user}@${os.hostname()}`;
}
