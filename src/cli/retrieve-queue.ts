/** `netraven retrieve` with a daemon running (or --queue): the sweep becomes a queued job instead of running here. */
import type { Knex } from 'knex';
import type { Job } from '../db/models/job.model.js';
import { enqueueJob } from '../jobs/job-queue.js';
import { describeTarget, selectDevices, type SweepTarget } from '../retrieval/select-devices.js';
import { printJson, type Output } from './output.js';

/** Checks the target names devices (NOT_FOUND otherwise, as in-process), then queues the sweep for the daemons. */
export async function queueRetrieval(knex: Knex, target: SweepTarget, requestedBy: string): Promise<Job> {
  await selectDevices(knex, target);
  return enqueueJob(knex, { kind: 'retrieval', target: { ...target, description: describeTarget(target) }, requestedBy });
}

/** Prints the queued job's id (stdout, for scripts) and how to follow it (stderr). */
export function printQueued(output: Output, job: Job, options: { json: boolean; concurrency?: number }): void {
  if (options.json) return printJson(output, { jobId: job.id, status: job.status, queued: true, target: job.target });
  output.out(`${job.id}\n`);
  output.err(`queued as job ${job.id}: the daemons retrieve it; follow it with \`netraven jobs logs ${job.id} --follow\`\n`);
  if (options.concurrency !== undefined) output.err('netraven: note: --concurrency applies to in-process runs; the daemons use their own (retrieval.concurrency)\n');
}
