import type { Knex } from 'knex';
import type { LogLevel } from '../models/job-log.model.js';
import { runPrepared, type PreparedStatement } from '../prepared.js';

export interface NewJobLog {
  jobId: string;
  deviceId?: string | null;
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
  createdAt?: Date;
}

// One statement for any batch size: the rows travel as parallel arrays and unnest() turns
// them back into rows, so PostgreSQL plans it once per connection however many rows come.
const APPEND_LOGS: PreparedStatement = {
  name: 'append_job_logs',
  text: `INSERT INTO job_logs (job_id, device_id, level, message, data, created_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
         RETURNING id`,
};

/** Appends log rows in one round trip, in the order given; returns the new ids (as strings). */
export async function appendJobLogs(db: Knex | Knex.Transaction, logs: readonly NewJobLog[]): Promise<string[]> {
  if (logs.length === 0) return [];
  const now = new Date();
  const rows = await runPrepared<{ id: string }>(db, APPEND_LOGS, [
    logs.map((log) => log.jobId),
    logs.map((log) => log.deviceId ?? null),
    logs.map((log) => log.level),
    logs.map((log) => log.message),
    logs.map((log) => JSON.stringify(log.data ?? {})),
    logs.map((log) => log.createdAt ?? now),
  ]);
  return rows.map((row) => String(row.id));
}
