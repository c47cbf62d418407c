/** A job in words, for the jobs table, the log's header and confirmations (no Ink). */
import type { JobView } from '../../../console/jobs-actions.js';
import { ago, count, duration, truncate } from '../../format.js';

const FINISHED = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);

/** True when the job has ended (nothing left to cancel). */
export function jobFinished(job: Pick<JobView, 'status'>): boolean {
  return FINISHED.has(job.status);
}

/** The status as an operator reads it: `cancelling` while a cancelled job winds down, `partial` for partially_succeeded. */
export function jobStatus(job: Pick<JobView, 'status' | 'cancelRequested'>): string {
  if (job.cancelRequested && (job.status === 'running' || job.status === 'queued')) return 'cancelling';
  return job.status === 'partially_succeeded' ? 'partial' : job.status;
}

/** "120/500 ✗3": devices done of the total and how many failed; empty for a job without devices. */
export function jobProgress(job: Pick<JobView, 'progressDone' | 'progressTotal' | 'progressFailed'>): string {
  if (job.progressTotal === 0) return '';
  return `${count(job.progressDone)}/${count(job.progressTotal)}${job.progressFailed > 0 ? ` ✗${count(job.progressFailed)}` : ''}`;
}

/** How long it ran (or has been running): "5 min"; empty before it started. */
export function jobDuration(job: Pick<JobView, 'startedAt' | 'finishedAt'>, now: Date): string {
  if (!job.startedAt) return '';
  const end = job.finishedAt ?? now;
  return duration((end.getTime() - new Date(job.startedAt).getTime()) / 1000);
}

/** When it started: "5 min ago"; "queued" before it did. */
export function jobStarted(job: Pick<JobView, 'startedAt'>, now: Date): string {
  return job.startedAt ? ago(new Date(job.startedAt), now) : 'not yet';
}

/** What the job works on: `retrieval "tag core"`, `key_rotation`…; a long target is cut to `targetWidth` columns. */
export function jobName(job: Pick<JobView, 'kind' | 'target'>, targetWidth = 40): string {
  return job.target ? `${job.kind} "${truncate(job.target, targetWidth)}"` : job.kind;
}

/** One line: what, status and progress, who, when. */
export function jobSummary(job: JobView, now: Date): string {
  const progress = jobProgress(job);
  const by = job.requestedBy ?? 'a schedule';
  return `${jobName(job)} · ${jobStatus(job)}${progress ? ` ${progress}` : ''} · by ${by} · started ${jobStarted(job, now)}${job.startedAt ? ` · ${jobDuration(job, now)}` : ''}`;
}
