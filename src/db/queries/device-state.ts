/**
 * The state of a device as the overview counts it and the device list filters and shows it:
 * one SQL expression, so the overview's "3 stale" and the list's `status:stale` can never
 * disagree. States do not overlap, in this order: disabled, never (retrieved), stale, failed, ok.
 */
import type { Knex } from 'knex';

export type DeviceState = 'disabled' | 'never' | 'stale' | 'failed' | 'ok';

export interface StaleRule {
  /** Interval of the schedule of every enabled device (retrieval.schedule), seconds; null: none. */
  allDevicesSeconds: number | null;
  /** Intervals of tag schedules, seconds: a device with the tag is due that often (the shortest wins). */
  tagSeconds: ReadonlyArray<{ tag: string; seconds: number }>;
}

/** An SQL fragment with its `?` bindings in order. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/**
 * The state of devices row `alias` as an SQL text expression. A device is stale when its last
 * retrieval (whatever its result) is older than twice the shortest interval of the schedules
 * that cover it. Without tag schedules the per-device tag lookup is left out: it is the costly
 * part over 100,000 devices.
 */
export function deviceStateSql(rule: StaleRule, alias = 'd'): SqlFragment {
  const tags = rule.tagSeconds.map((t) => t.tag.toLowerCase());
  const seconds = rule.tagSeconds.map((t) => t.seconds);
  const tagInterval =
    tags.length === 0
      ? 'NULL::float8'
      : `(SELECT min(s.seconds) FROM device_tags dt JOIN tags t ON t.id = dt.tag_id
           JOIN unnest(?::text[], ?::float8[]) AS s(tag, seconds) ON s.tag = lower(t.name)
          WHERE dt.device_id = ${alias}.id)`;
  return {
    sql: `(CASE WHEN NOT ${alias}.enabled THEN 'disabled'
                WHEN ${alias}.last_retrieval_at IS NULL THEN 'never'
                WHEN ${alias}.last_retrieval_at < now() - make_interval(secs => 2 * LEAST(?::float8, ${tagInterval})) THEN 'stale'
                WHEN ${alias}.last_retrieval_status = 'failed' THEN 'failed'
                ELSE 'ok' END)`,
    bindings: tags.length === 0 ? [rule.allDevicesSeconds] : [rule.allDevicesSeconds, tags, seconds],
  };
}

/** The fragment as a knex raw value (for select lists and where clauses). */
export function rawFragment(db: Knex | Knex.Transaction, fragment: SqlFragment, suffix = ''): Knex.Raw {
  return db.raw(`${fragment.sql}${suffix}`, fragment.bindings as Knex.RawBinding[]);
}
