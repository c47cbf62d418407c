import type { Knex } from 'knex';
import { LOG_LEVELS, type LogLevel } from '../models/job-log.model.js';
import { likePattern } from './search-configurations.js';

/** A job log line as the console shows it (the data column is left out: screens do not show it). */
export interface LogLine {
  /** bigint as text: ids grow, "lines after id N" is how the log is paged and followed. */
  id: string;
  jobId: string;
  deviceId: string | null;
  hostname: string | null;
  level: LogLevel;
  message: string;
  createdAt: Date;
}

/** Which lines of a log to show: this level and above, of devices whose hostname contains `device` (ignoring case). */
export interface LogFilter {
  minLevel?: LogLevel;
  device?: string;
}

/** Which lines to read, in id order: the last ones, those after or before an id (at most one of them), and at most `limit`. */
export interface LogPageRequest {
  after?: string;
  before?: string;
  last?: boolean;
  limit: number;
}

export interface LogPage {
  /** Oldest first. */
  lines: LogLine[];
  /** More lines lie beyond these in the direction read. */
  more: boolean;
  /**
   * The newest line of the whole log (unfiltered) when the read began ('0': none): reads
   * forward stop there, so "every line up to lastId" is exact and a follower starts after it.
   */
  lastId: string;
  /** Lines of the log that pass the filter, up to lastId (only when asked for). */
  total?: number;
}

// The job and its device jobs: a sweep's log is its own lines plus its devices'.
const SCOPE = 'SELECT id FROM jobs WHERE id = :jobId OR parent_job_id = :jobId';

/** Levels at or above `min`, for `level IN (…)`. */
export function levelsFrom(min: LogLevel | undefined): LogLevel[] {
  return LOG_LEVELS.slice(min ? LOG_LEVELS.indexOf(min) : 0);
}

function filterSql(filter: LogFilter): { sql: string; bindings: Record<string, unknown> } {
  const parts: string[] = [];
  const bindings: Record<string, unknown> = {};
  if (filter.minLevel && filter.minLevel !== 'debug') {
    parts.push('l.level = ANY(:levels)');
    bindings.levels = levelsFrom(filter.minLevel);
  }
  if (filter.device) {
    // Literal: LIKE's wildcards and backslash are escaped, so `%`, `_`, `.*` mean themselves.
    parts.push('d.hostname ILIKE :device');
    bindings.device = likePattern(filter.device);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), bindings };
}

/**
 * One page of a job's log (a sweep's includes its devices) through the filter, keyset-paged by
 * id: `last` reads the end (and counts the matching lines when `count`), `after`/`before` the
 * lines next to an id. Every forward read stops at the newest line that existed when it began
 * (`lastId`); lines become visible in id order (append-job-logs.ts), so nothing below it can
 * appear later and a follower starting after it misses nothing.
 */
export async function jobLogPage(trx: Knex.Transaction, jobId: string, filter: LogFilter, request: LogPageRequest, count = false): Promise<LogPage> {
  // One index probe per job of the scope (job_logs_job_id_idx), not a scan of its lines.
  const { rows: newest } = await trx.raw<{ rows: Array<{ last_id: string | null }> }>(
    `SELECT max(m.id)::text AS last_id FROM (${SCOPE}) s, LATERAL (SELECT max(l.id) AS id FROM job_logs l WHERE l.job_id = s.id) m`,
    { jobId },
  );
  const lastId = newest[0]?.last_id ?? '0';
  const where = filterSql(filter);
  const base = `FROM job_logs l LEFT JOIN devices d ON d.id = l.device_id
                WHERE l.job_id IN (${SCOPE}) AND l.id <= CAST(:lastId AS bigint)${where.sql}`;
  const bindings = { ...where.bindings, jobId, lastId };
  const backwards = request.last === true || request.before !== undefined;
  const bound = request.after !== undefined ? ' AND l.id > CAST(:after AS bigint)' : request.before !== undefined ? ' AND l.id < CAST(:before AS bigint)' : '';
  const { rows } = await trx.raw<{ rows: LogLine[] }>(
    `SELECT l.id::text AS id, l.job_id AS "jobId", l.device_id AS "deviceId", d.hostname, l.level, l.message, l.created_at AS "createdAt"
     ${base}${bound}
     ORDER BY l.id ${backwards ? 'DESC' : 'ASC'} LIMIT :limit`,
    { ...bindings, after: request.after ?? null, before: request.before ?? null, limit: request.limit + 1 },
  );
  const more = rows.length > request.limit;
  const lines = rows.slice(0, request.limit);
  if (backwards) lines.reverse();
  if (!count) return { lines, more, lastId };
  const { rows: counted } = await trx.raw<{ rows: Array<{ n: number }> }>(`SELECT count(*)::int AS n ${base}`, bindings);
  return { lines, more, lastId, total: counted[0]?.n ?? 0 };
}
