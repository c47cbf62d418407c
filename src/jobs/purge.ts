import type { Knex } from 'knex';
import { loadSettings } from '../config/settings-store.js';
import type { JobHandler } from './job-handler.js';

/** What one purge removed. */
export interface PurgeCounts {
  jobLogs: number;
  jobs: number;
  configurationVersions: number;
}

const BATCH = 5_000;

// Deletes in batches of BATCH rows, each its own statement, so a first purge of a large
// backlog never holds locks (or a transaction) for minutes.
async function inBatches(db: Knex, sql: string, values: Knex.Value[], signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (;;) {
    if (signal?.aborted) return total;
    const { rowCount } = await db.raw<{ rowCount: number }>(sql, [...values, BATCH]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return total;
  }
}

/**
 * The retention purge: job logs older than retention.job_log_days; finished jobs older than
 * retention.job_days (sweeps, single jobs and schedule runs, their device jobs and logs going
 * with them; definitions and unfinished jobs never); configuration versions beyond
 * retention.configuration_versions per device, oldest first (the latest is never removed:
 * the setting is at least 1).
 */
export async function purge(db: Knex, settings: { jobLogDays: number; jobDays: number; keepVersions: number }, signal?: AbortSignal): Promise<PurgeCounts> {
  const jobLogs = await inBatches(db,
    `DELETE FROM job_logs WHERE id IN (
       SELECT id FROM job_logs WHERE created_at < now() - make_interval(days => ?) ORDER BY id LIMIT ?)`,
    [settings.jobLogDays], signal);
  const jobs = await inBatches(db,
    `DELETE FROM jobs WHERE id IN (
       SELECT j.id FROM jobs j LEFT JOIN jobs p ON p.id = j.parent_job_id
       WHERE j.schedule IS NULL AND j.status IN ('succeeded', 'partially_succeeded', 'failed', 'cancelled')
         AND j.finished_at < now() - make_interval(days => ?)
         AND (j.parent_job_id IS NULL OR p.schedule IS NOT NULL)
       LIMIT ?)`,
    [settings.jobDays], signal);
  const configurationVersions = await inBatches(db,
    `DELETE FROM device_configurations WHERE id IN (
       SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY device_id ORDER BY retrieved_at DESC, id DESC) AS newest_first
         FROM device_configurations) ranked
       WHERE newest_first > ? LIMIT ?)`,
    [Math.max(1, settings.keepVersions)], signal);
  return { jobLogs, jobs, configurationVersions };
}

/** The handler of `purge` jobs: reads the retention settings at run time and logs what it removed. */
export const purgeJobHandler: JobHandler = async (context) => {
  const settings = await loadSettings(context.db);
  const limits = {
    jobLogDays: settings['retention.job_log_days'],
    jobDays: settings['retention.job_days'],
    keepVersions: settings['retention.configuration_versions'],
  };
  context.log('info', `purging job logs older than ${limits.jobLogDays} days, finished jobs older than ${limits.jobDays} days, configuration versions beyond ${limits.keepVersions} per device`, limits);
  const counts = await purge(context.db, limits, context.signal);
  context.log('info', `purged ${counts.jobLogs} job log rows, ${counts.jobs} jobs, ${counts.configurationVersions} configuration versions`, { ...counts });
  return { status: context.signal.aborted ? 'cancelled' : 'succeeded' };
};
