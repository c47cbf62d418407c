/** A sweep queued for the daemons instead of run in this process (`retrieve` with a daemon running, the console). */
import type { Knex } from 'knex';
import type { Job } from '../db/models/job.model.js';
import { enqueueJob } from '../jobs/job-queue.js';
import { describeTarget, selectDevices, type SweepTarget } from './select-devices.js';

/**
 * Checks the target names devices (NOT_FOUND otherwise, as in-process), then queues the sweep
 * for the daemons; returns the queued job and how many devices the target has now.
 */
export async function queueSweep(knex: Knex, target: SweepTarget, requestedBy: string): Promise<{ job: Job; devices: number }> {
  const devices = await selectDevices(knex, target);
  const job = await enqueueJob(knex, { kind: 'retrieval', target: { ...target, description: describeTarget(target) }, requestedBy });
  return { job, devices: devices.length };
}
