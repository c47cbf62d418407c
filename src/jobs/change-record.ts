/**
 * Who changed what: an operator's change of a credential, a setting or a schedule is recorded
 * as a `change` job, born finished, with `requested_by` = the operator and one job_logs line
 * saying what changed. Written inside the transaction of the change itself (the services take
 * a `record` hook), so a change is never stored without its record, nor a record without its
 * change. Jobs and their logs are where operators already look for who did what (`jobs list`,
 * the console's jobs and log screens); the retention purge keeps them `retention.job_days`.
 */
import type { Knex } from 'knex';
import { appendJobLogs } from '../db/queries/append-job-logs.js';
import { notifyJobStatus } from './job-channels.js';

/** What was changed, as `area.verb` (credential.add, setting.set, schedule.remove…). */
export type ChangeName =
  | 'credential.add'
  | 'credential.update'
  | 'credential.tags'
  | 'credential.remove'
  | 'setting.set'
  | 'schedule.add'
  | 'schedule.remove';

export interface Change {
  /** The operator (user@host for the local console; issue 10 adds ssh:NAME). */
  by: string;
  change: ChangeName;
  /** What was changed: a credential's name, a setting's key, a schedule's id. */
  subject: string;
  /** One line for the job log. Names and public facts only: never a secret, nor its length. */
  message: string;
  /** Extra facts for the log line's data (JSON); the same rule as the message. */
  data?: Record<string, unknown>;
}

/**
 * Records a change inside the caller's transaction: a `change` job (status succeeded) and its
 * log line; live views hear of both once the transaction commits. Returns the job id.
 */
export async function recordChange(trx: Knex.Transaction, change: Change): Promise<string> {
  const [row] = (await trx('jobs')
    .insert({
      kind: 'change',
      status: 'succeeded',
      target: JSON.stringify({ change: change.change, subject: change.subject }),
      requestedBy: change.by,
      progressTotal: 1,
      progressDone: 1,
      attempts: 1,
      startedAt: trx.fn.now(),
      finishedAt: trx.fn.now(),
    })
    .returning('id')) as Array<{ id: string }>;
  const jobId = row!.id;
  await appendJobLogs(trx, [{ jobId, level: 'info', message: change.message, data: { change: change.change, subject: change.subject, by: change.by, ...change.data } }]);
  await notifyJobStatus(trx, jobId, null, 'succeeded');
  return jobId;
}
