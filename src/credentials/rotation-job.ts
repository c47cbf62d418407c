import os from 'node:os';
import type { Knex } from 'knex';
import { SETTINGS } from '../config/settings.js';
import type { JobStatus, LogLevel } from '../db/models/index.js';
import { notifyJobStatus } from '../jobs/job-channels.js';

// The keyrotation role reads no operator setting (only the keyring identity record), so the lease uses the shipped default.
const LEASE_SECONDS = SETTINGS['jobs.lease_seconds'].default;
const LEASE_OWNER = `${os.hostname()}:${process.pid}`;

type Db = Knex | Knex.Transaction;

// Every change of a rotation job (start, total, each batch, end) is announced on the job
// status channel, in the same transaction as the change: consoles show a rotation's progress
// live, whichever process runs it (a console, `keys rotate`), without reading the table on a timer.

function leaseUntil(db: Db): Knex.Raw {
  return db.raw(`now() + make_interval(secs => ${LEASE_SECONDS})`);
}

/**
 * Appends one job log line. No RETURNING: the keyrotation role may insert job logs but not
 * read them. Messages and data name credentials, never their secrets.
 */
export async function logJob(db: Db, jobId: string, level: LogLevel, message: string, data: Record<string, unknown> = {}): Promise<void> {
  await db('job_logs').insert({ jobId, level, message, data: JSON.stringify(data) });
}

/**
 * Fails key_rotation jobs left 'running' by a killed process. Only called while holding the
 * rotation lock, so no live process can own them.
 */
export async function failInterruptedJobs(db: Db, resumedBy: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await db('jobs')
    .where({ kind: 'key_rotation', status: 'running' })
    .update({
      status: 'failed',
      errorCode: 'INTERRUPTED',
      error: `the process running this rotation stopped before it finished; job ${resumedBy} took over`,
      finishedAt: db.fn.now(),
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .returning('id');
  for (const { id } of rows) {
    await logJob(db, id, 'warn', `interrupted; job ${resumedBy} takes over`, { resumedBy });
    await notifyJobStatus(db, id, null, 'failed');
  }
  return rows.map((row) => row.id);
}

/** Records a running key_rotation job this process holds the lease of. */
export async function startJob(db: Db, jobId: string, target: Record<string, unknown>, requestedBy: string | null): Promise<void> {
  await db('jobs').insert({
    id: jobId,
    kind: 'key_rotation',
    status: 'running',
    target: JSON.stringify(target),
    requestedBy,
    attempts: 1,
    startedAt: db.fn.now(),
    leaseOwner: LEASE_OWNER,
    leaseExpiresAt: leaseUntil(db),
  });
  await notifyJobStatus(db, jobId, null, 'running');
}

/** Sets the number of credentials to re-seal. */
export async function setJobTotal(db: Db, jobId: string, total: number): Promise<void> {
  await db('jobs').where({ id: jobId }).update({ progressTotal: total, leaseExpiresAt: leaseUntil(db) });
  await notifyJobStatus(db, jobId, null, 'running');
}

/** Adds a batch's counts and renews the lease (the batch's transaction commits both with the re-sealed rows). */
export async function addJobProgress(db: Db, jobId: string, done: number, failed: number): Promise<void> {
  await db('jobs')
    .where({ id: jobId })
    .update({
      progressDone: db.raw('progress_done + ?', [done]),
      progressFailed: db.raw('progress_failed + ?', [failed]),
      leaseExpiresAt: leaseUntil(db),
    });
  await notifyJobStatus(db, jobId, null, 'running');
}

/** Ends the job and releases its lease. */
export async function finishJob(db: Db, jobId: string, status: JobStatus, error?: { code: string; message: string }): Promise<void> {
  await db('jobs')
    .where({ id: jobId })
    .update({
      status,
      errorCode: error?.code ?? null,
      error: error?.message ?? null,
      finishedAt: db.fn.now(),
      leaseOwner: null,
      leaseExpiresAt: null,
    });
  await notifyJobStatus(db, jobId, null, status);
}
