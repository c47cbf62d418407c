import type { Knex } from 'knex';
import type { LogLevel } from '../models/job-log.model.js';
import { runPrepared, type PreparedStatement } from '../prepared.js';

/** A job log line as shown to people: with the device's hostname. */
export interface JobLogLine {
  id: string;
  jobId: string;
  deviceId: string | null;
  hostname: string | null;
  level: LogLevel;
  message: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

// Every follower runs this on each notification, so it is prepared. A sweep's log is its own
// lines plus those of its device jobs. `id > $2` on the primary key keeps each read to the
// new rows however long the log already is.
const JOB_LOGS_AFTER: PreparedStatement = {
  name: 'job_logs_after',
  text: `SELECT l.id::text AS id, l.job_id AS "jobId", l.device_id AS "deviceId", d.hostname, l.level, l.message, l.data,
                l.created_at AS "createdAt"
         FROM job_logs l LEFT JOIN devices d ON d.id = l.device_id
         WHERE l.id > $2::bigint AND l.job_id IN (SELECT id FROM jobs WHERE id = $1 OR parent_job_id = $1)
         ORDER BY l.id
         LIMIT $3`,
};

/** Up to `limit` log lines of a job and its child jobs with an id above `afterId`, oldest first. */
export function jobLogsAfter(db: Knex, jobId: string, afterId: string, limit = 1000): Promise<JobLogLine[]> {
  return runPrepared<JobLogLine>(db, JOB_LOGS_AFTER, [jobId, afterId, limit]);
}
