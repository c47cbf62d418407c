/** A job's log for the console: pages by id through a filter, and the live tail (LISTEN/NOTIFY + lines after an id). */
import { jobLogPage, levelsFrom, type LogFilter, type LogLine, type LogPage, type LogPageRequest } from '../db/queries/job-log-page.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { assertWithinLimit } from '../config/input-limits.js';
import { assertJobId } from '../jobs/job-queue.js';
import { followJobLogs } from '../jobs/live-tail.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

export interface JobLogActions {
  /**
   * A page of a job's log (a sweep's includes its devices' lines), oldest first, through the
   * filter (level and above; hostname containing the text, taken literally). `count` adds the
   * number of matching lines up to `lastId`. INPUT_INVALID for a malformed id or a device text
   * longer than a hostname can be.
   */
  jobLogPage(jobId: string, filter: LogFilter, request: LogPageRequest, count?: boolean): Promise<LogPage>;
  /**
   * Hands over every line written after `afterId` (any level, any device, from any process),
   * oldest first and in batches, as they are written, until the job has finished (and its
   * last lines are in) or `signal` aborts. Resolves with the job's final status. The lines
   * come through the console's one LISTEN session (src/jobs/live-tail.ts).
   */
  followJobLog(jobId: string, afterId: string, onLines: (lines: LogLine[]) => void, signal: AbortSignal): Promise<{ status: string }>;
}

/**
 * The filter of job-log-page.ts applied to a line in memory (live lines): the same levels, and
 * the hostname containing the device text ignoring case, taken literally.
 */
export function logLineMatches(line: Pick<LogLine, 'level' | 'hostname'>, filter: LogFilter): boolean {
  if (filter.minLevel && !levelsFrom(filter.minLevel).includes(line.level)) return false;
  return !filter.device || (line.hostname !== null && line.hostname.toLowerCase().includes(filter.device.toLowerCase()));
}

export const JOB_LOG_ACTIONS: Record<keyof JobLogActions, ActionClass> = {
  jobLogPage: 'read',
  followJobLog: 'read',
};

export function jobLogActions(ctx: ConsoleContext): JobLogActions {
  return {
    async jobLogPage(jobId, filter, request, count = false) {
      const id = assertJobId(jobId);
      if (filter.device) assertWithinLimit('device filter', filter.device, 'hostname');
      return await inReadOnlyTransaction(ctx.knex, (trx) => jobLogPage(trx, id, filter, request, count));
    },
    async followJobLog(jobId, afterId, onLines, signal) {
      return await followJobLogs({
        db: ctx.knex,
        control: ctx.live.control,
        jobId: assertJobId(jobId),
        afterId,
        signal,
        // The data column is not shown: it is not passed on (nor sanitised for nothing).
        onLines: (lines) => onLines(lines.map(({ data: _data, ...line }) => line)),
      });
    },
  };
}
