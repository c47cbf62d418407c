import type { Knex } from 'knex';
import { NetRavenError } from '../../errors.js';
import type { JobKind, JobStatus } from '../models/job.model.js';
import type { Page } from './keyset-page.js';

/** A job as lists show it. */
export interface JobSummary {
  id: string;
  kind: JobKind;
  status: JobStatus;
  parentJobId: string | null;
  /** Set for a device job (a sweep's child), with its hostname. */
  deviceId: string | null;
  hostname: string | null;
  target: Record<string, unknown>;
  requestedBy: string | null;
  scheduledFor: Date | null;
  progressTotal: number;
  progressDone: number;
  progressFailed: number;
  attempts: number;
  cancelRequested: boolean;
  errorCode: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ListJobsOptions {
  status?: JobStatus;
  kind?: JobKind;
  /** Only the device jobs of this sweep. */
  parentId?: string;
  /** Include device jobs of sweeps (hidden by default: a sweep of 5,000 devices would bury everything else). */
  all?: boolean;
  limit: number;
  /** Cursor printed with the previous page: "<created_at ISO>,<id>". */
  after?: string;
}

function parseCursor(cursor: string): [string, string] {
  const [at, id] = cursor.split(',');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new NetRavenError('INPUT_INVALID', `--after ${cursor}: not a cursor printed by \`netraven jobs list\` (it looks like 2026-11-28T02:00:00.000Z,<job id>)`);
  }
  return [at, id];
}

/**
 * Newest jobs first, keyset-paged on (created_at, id) so the next page stays right while
 * jobs are being added. Schedule definitions are never listed here (`schedules list`).
 */
export async function listJobs(db: Knex | Knex.Transaction, options: ListJobsOptions): Promise<Page<JobSummary>> {
  const query = db('jobs as j')
    .leftJoin('jobs as p', 'p.id', 'j.parent_job_id')
    .leftJoin('devices as d', 'd.id', 'j.device_id')
    .whereNull('j.schedule')
    .select(
      'j.id', 'j.kind', 'j.status', 'j.parent_job_id', 'j.device_id', 'd.hostname', 'j.target', 'j.requested_by', 'j.scheduled_for',
      'j.progress_total', 'j.progress_done', 'j.progress_failed', 'j.attempts', 'j.cancel_requested', 'j.error_code', 'j.error',
      'j.created_at', 'j.started_at', 'j.finished_at',
      // The cursor needs PostgreSQL's microseconds, which a JavaScript Date would round away.
      db.raw(`to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`),
    )
    .orderBy([{ column: 'j.created_at', order: 'desc' }, { column: 'j.id', order: 'desc' }])
    .limit(options.limit + 1);
  if (options.status) query.where('j.status', options.status);
  if (options.kind) query.where('j.kind', options.kind);
  if (options.parentId) query.where('j.parent_job_id', options.parentId);
  else if (!options.all) query.where((w) => w.whereNull('j.parent_job_id').orWhereNotNull('p.schedule'));
  if (options.after) {
    const [at, id] = parseCursor(options.after);
    query.whereRaw('(j.created_at, j.id) < (?::timestamptz, ?::uuid)', [at, id]);
  }
  const rows = (await query) as Array<JobSummary & { cursorAt?: string }>;
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1];
  const next = rows.length > options.limit && last ? `${last.cursorAt},${last.id}` : null;
  for (const item of items) delete item.cursorAt;
  return { items, next };
}

/** How many device jobs of a sweep are in each status. */
export async function childStatusCounts(db: Knex | Knex.Transaction, parentId: string): Promise<Record<string, number>> {
  const rows = await db('jobs').where('parent_job_id', parentId).groupBy('status').select('status').count<Array<{ status: string; count: string }>>('* as count');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
