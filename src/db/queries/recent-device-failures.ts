import type { Knex } from 'knex';

/** A device retrieval that failed. */
export interface DeviceFailure {
  jobId: string;
  deviceId: string | null;
  hostname: string | null;
  errorCode: string | null;
  error: string | null;
  at: Date;
}

/**
 * The most recent failed device retrievals (device jobs), newest first. Served by the
 * (status, created_at) index: only failed rows are read, however many jobs there are.
 */
export async function recentDeviceFailures(db: Knex | Knex.Transaction, limit: number): Promise<DeviceFailure[]> {
  const rows = (await db('jobs as j')
    .leftJoin('devices as d', 'd.id', 'j.device_id')
    .where('j.status', 'failed')
    .whereNotNull('j.device_id')
    .orderBy([{ column: 'j.created_at', order: 'desc' }, { column: 'j.finished_at', order: 'desc', nulls: 'last' }])
    .limit(limit)
    .select('j.id as jobId', 'j.device_id as deviceId', 'd.hostname', 'j.error_code as errorCode', 'j.error', db.raw('coalesce(j.finished_at, j.created_at) AS at'))) as DeviceFailure[];
  return rows;
}
