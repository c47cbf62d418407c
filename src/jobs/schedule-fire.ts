import type { Knex } from 'knex';
import { inTransaction } from '../db/transactions.js';
import { previousTick } from './cron-ticks.js';
import { notifyJobsQueued } from './job-channels.js';

export interface FireResult {
  scheduleId: string;
  outcome: 'fired' | 'skipped' | 'not-due' | 'gone';
  tick?: Date;
  /** The run created for the tick. */
  runId?: string;
  /** The earlier run still going, when the tick was skipped. */
  runningId?: string;
}

interface DefinitionRow {
  id: string;
  kind: string;
  schedule: string;
  target: Record<string, unknown>;
  scheduled_for: Date | null;
  created_at: Date;
}

/**
 * Handles the latest due tick of one definition, once (the known-crontab idea of
 * graphile-worker, kept on the definition row: `scheduled_for` = last tick handled):
 * - the latest tick after the last handled one and not after `now` is the only candidate, so
 *   after downtime a schedule runs once, not once per missed tick;
 * - if an earlier run of the definition is still queued or running, the tick is recorded as
 *   handled but skipped: a long run is never started twice;
 * - the unique index (parent_job_id, scheduled_for) makes a tick fire at most once even if
 *   two daemons believed they were leader during a hand-over.
 * The definition row is locked for the decision, so concurrent calls serialise.
 */
export function fireDueTick(db: Knex, scheduleId: string, now = new Date()): Promise<FireResult> {
  return inTransaction(db, async (trx) => {
    const { rows } = await trx.raw<{ rows: DefinitionRow[] }>(
      'SELECT id, kind, schedule, target, scheduled_for, created_at FROM jobs WHERE id = ? AND schedule IS NOT NULL FOR UPDATE',
      [scheduleId],
    );
    const definition = rows[0];
    if (!definition) return { scheduleId, outcome: 'gone' };
    const tick = previousTick(definition.schedule, now, definition.scheduled_for ?? definition.created_at);
    if (!tick) return { scheduleId, outcome: 'not-due' };

    await trx.raw('UPDATE jobs SET scheduled_for = ? WHERE id = ?', [tick, scheduleId]);
    const { rows: running } = await trx.raw<{ rows: Array<{ id: string }> }>(
      "SELECT id FROM jobs WHERE parent_job_id = ? AND status IN ('queued', 'running') ORDER BY created_at LIMIT 1",
      [scheduleId],
    );
    if (running[0]) return { scheduleId, outcome: 'skipped', tick, runningId: running[0].id };

    const { rows: created } = await trx.raw<{ rows: Array<{ id: string }> }>(
      `INSERT INTO jobs (kind, parent_job_id, scheduled_for, target, requested_by)
       VALUES (?, ?, ?, ?::jsonb, ?)
       ON CONFLICT (parent_job_id, scheduled_for) WHERE scheduled_for IS NOT NULL DO NOTHING
       RETURNING id`,
      [definition.kind, scheduleId, tick, JSON.stringify({ ...definition.target, scheduleId }), `schedule ${scheduleId}`],
    );
    if (!created[0]) return { scheduleId, outcome: 'skipped', tick };
    await notifyJobsQueued(trx, definition.kind);
    return { scheduleId, outcome: 'fired', tick, runId: created[0].id };
  });
}
