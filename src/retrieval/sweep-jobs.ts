/** The job rows of a sweep: one parent, one child per device, progress with a lease heartbeat, the finish. */
import type { Knex } from 'knex';
import { appendJobLogs, type NewJobLog } from '../db/queries/append-job-logs.js';
import { inTransaction } from '../db/transactions.js';
import type { DeviceTarget } from './device-target.js';
import type { SweepTarget } from './select-devices.js';

const CHILD_BATCH = 1000;

export interface SweepJobs {
  parentId: string;
  /** device id → child job id */
  childOf: Map<string, string>;
}

/**
 * Creates the parent job (running, leased to this worker) and one child job per device in one
 * transaction. Children are 'queued' with run_at = infinity: reserved for the worker that runs the
 * parent, so a job-queue worker never claims them; if the parent's lease expires (its worker died)
 * the queue may release the unfinished children by setting run_at = now().
 */
export async function createSweepJobs(
  knex: Knex,
  devices: DeviceTarget[],
  target: SweepTarget & { description: string },
  owner: { workerId: string; leaseSeconds: number; requestedBy?: string },
): Promise<SweepJobs> {
  return inTransaction(knex, async (trx) => {
    const [parent] = await trx('jobs')
      .insert({
        kind: 'retrieval',
        status: 'running',
        target,
        requestedBy: owner.requestedBy ?? null,
        progressTotal: devices.length,
        startedAt: trx.fn.now(),
        leaseOwner: owner.workerId,
        leaseExpiresAt: trx.raw('now() + make_interval(secs => ?)', [owner.leaseSeconds]),
      })
      .returning('id');
    const parentId = (parent as { id: string }).id;
    const childOf = new Map<string, string>();
    for (let start = 0; start < devices.length; start += CHILD_BATCH) {
      const rows = devices.slice(start, start + CHILD_BATCH).map((device) => ({
        kind: 'retrieval',
        status: 'queued',
        parentJobId: parentId,
        deviceId: device.id,
        target: { hostname: device.hostname },
        requestedBy: owner.requestedBy ?? null,
        progressTotal: 1,
        runAt: 'infinity',
      }));
      const inserted = (await trx('jobs').insert(rows).returning(['id', 'deviceId'])) as Array<{ id: string; deviceId: string }>;
      for (const row of inserted) childOf.set(row.deviceId, row.id);
    }
    return { parentId, childOf };
  });
}

/** Writes the parent's counters and renews its lease; returns true when an operator asked to cancel it. */
export async function heartbeat(knex: Knex, parentId: string, done: number, failed: number, leaseSeconds: number): Promise<boolean> {
  const rows = (await knex('jobs')
    .where({ id: parentId })
    .update({ progressDone: done, progressFailed: failed, leaseExpiresAt: knex.raw('now() + make_interval(secs => ?)', [leaseSeconds]) })
    .returning('cancelRequested')) as Array<{ cancelRequested: boolean }>;
  return rows[0]?.cancelRequested === true;
}

export interface SweepFinish {
  status: 'succeeded' | 'partially_succeeded' | 'failed' | 'cancelled';
  done: number;
  failed: number;
  errorCode: string | null;
  error: string | null;
  logs: NewJobLog[];
}

/** Cancels the children never started, then closes the parent with its status, counters and summary. */
export async function finishSweepJobs(knex: Knex, parentId: string, finish: SweepFinish): Promise<number> {
  return inTransaction(knex, async (trx) => {
    const cancelled = await trx('jobs')
      .where({ parentJobId: parentId, status: 'queued' })
      .update({ status: 'cancelled', finishedAt: trx.fn.now(), error: 'the sweep was cancelled before this device started' });
    await trx('jobs').where({ id: parentId }).update({
      status: finish.status,
      progressDone: finish.done,
      progressFailed: finish.failed,
      errorCode: finish.errorCode,
      error: finish.error,
      finishedAt: trx.fn.now(),
      leaseOwner: null,
      leaseExpiresAt: null,
    });
    await appendJobLogs(trx, finish.logs);
    return cancelled;
  });
}
