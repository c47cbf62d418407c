/** What "stale" means now (from the schedules and the retrieval.schedule setting), and the next scheduled sweep. */
import type { Knex } from 'knex';
import { loadSettings } from '../config/settings-store.js';
import type { StaleRule } from '../db/queries/device-state.js';
import { listSchedules } from '../jobs/schedule-store.js';
import { cronInWords, cronIntervalSeconds, nextFireTimes } from './cron-text.js';

/** The next scheduled sweep. */
export interface NextSweep {
  at: Date;
  cron: string;
  /** The cron expression in words ("At 02:00"). */
  words: string;
  /** null: every enabled device. */
  tag: string | null;
}

export interface Schedules {
  rule: StaleRule;
  next: NextSweep | null;
}

/**
 * The stale rule (device-state.ts) and the next sweep, from the retrieval schedules: the one of
 * every enabled device (read from its setting, which exists without a daemon: the scheduler
 * leader syncs the system definition) and the tag schedules. Two small reads.
 */
export async function readSchedules(knex: Knex, now: Date): Promise<Schedules> {
  const settings = await loadSettings(knex);
  const definitions = (await listSchedules(knex)).filter((s) => s.kind === 'retrieval' && s.system !== 'retention.purge_schedule');
  const crons = [{ cron: settings['retrieval.schedule'], tag: null as string | null }, ...definitions.filter((s) => !s.system).map((s) => ({ cron: s.cron, tag: s.tag }))];
  const rule: { allDevicesSeconds: number | null; tagSeconds: Array<{ tag: string; seconds: number }> } = { allDevicesSeconds: null, tagSeconds: [] };
  let next: NextSweep | null = null;
  for (const { cron, tag } of crons) {
    const seconds = cronIntervalSeconds(cron, now);
    if (seconds !== null && tag === null) rule.allDevicesSeconds = Math.min(rule.allDevicesSeconds ?? Infinity, seconds);
    if (seconds !== null && tag !== null) rule.tagSeconds.push({ tag, seconds });
    const at = nextFireTimes(cron, 1, now)[0];
    if (at && (!next || at < next.at)) next = { at, cron, words: cronInWords(cron), tag };
  }
  return { rule, next };
}
