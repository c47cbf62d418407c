/** What `netraven retrieve` prints when the sweep was queued for the daemons. */
import type { Job } from '../db/models/job.model.js';
import { printJson, type Output } from './output.js';

/** Prints the queued job's id (stdout, for scripts) and how to follow it (stderr). */
export function printQueued(output: Output, job: Job, options: { json: boolean; concurrency?: number }): void {
  if (options.json) return printJson(output, { jobId: job.id, status: job.status, queued: true, target: job.target });
  output.out(`${job.id}\n`);
  output.err(`queued as job ${job.id}: the daemons retrieve it; follow it with \`netraven jobs logs ${job.id} --follow\`\n`);
  if (options.concurrency !== undefined) output.err('netraven: note: --concurrency applies to in-process runs; the daemons use their own (retrieval.concurrency)\n');
}
