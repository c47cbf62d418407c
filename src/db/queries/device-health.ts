import type { Knex } from 'knex';

/** How many devices are in each state; `failed` is split by error code. */
export interface DeviceHealth {
  total: number;
  /** Enabled devices whose last retrieval succeeded (changed or unchanged) and is recent enough. */
  ok: number;
  /** Enabled devices never retrieved. */
  never: number;
  /** Enabled devices whose last retrieval (whatever its result) is older than twice their schedule's interval. */
  stale: number;
  /** Enabled devices whose last retrieval failed, by error code, most frequent first. */
  failed: Array<{ code: string; devices: number }>;
  /** Disabled devices (no schedule retrieves them, so they are none of the above). */
  disabled: number;
}

export interface StaleRule {
  /** Interval of the schedule of every enabled device (retrieval.schedule), seconds; null: none. */
  allDevicesSeconds: number | null;
  /** Intervals of tag schedules, seconds: a device with the tag is due that often (the shortest wins). */
  tagSeconds: ReadonlyArray<{ tag: string; seconds: number }>;
}

/**
 * Counts devices by last result in one pass over the devices table (one read, no per-device
 * round trip). A device is stale when its last retrieval is older than twice the shortest
 * interval of the schedules that cover it; never-retrieved and stale come before failed, so
 * the classes do not overlap.
 */
export async function deviceHealth(db: Knex | Knex.Transaction, rule: StaleRule): Promise<DeviceHealth> {
  const tags = rule.tagSeconds.map((t) => t.tag.toLowerCase());
  const seconds = rule.tagSeconds.map((t) => t.seconds);
  // Without tag schedules the per-device lookup is skipped: it is the costly part for 100,000 devices.
  const tagInterval = tags.length === 0
    ? 'NULL::float8'
    : `(SELECT min(s.seconds) FROM device_tags dt JOIN tags t ON t.id = dt.tag_id
         JOIN unnest(?::text[], ?::float8[]) AS s(tag, seconds) ON s.tag = lower(t.name)
        WHERE dt.device_id = d.id)`;
  const { rows } = await db.raw<{ rows: Array<{ state: string; code: string | null; devices: number }> }>(
    `WITH classified AS (
       SELECT d.enabled, d.last_retrieval_at, d.last_retrieval_status, d.last_retrieval_error_code,
              LEAST(?::float8, ${tagInterval}) AS due_seconds
       FROM devices d
     )
     SELECT CASE WHEN NOT enabled THEN 'disabled'
                 WHEN last_retrieval_at IS NULL THEN 'never'
                 WHEN due_seconds IS NOT NULL AND last_retrieval_at < now() - make_interval(secs => 2 * due_seconds) THEN 'stale'
                 WHEN last_retrieval_status = 'failed' THEN 'failed'
                 ELSE 'ok' END AS state,
            CASE WHEN enabled AND last_retrieval_status = 'failed' THEN coalesce(last_retrieval_error_code, 'UNKNOWN') END AS code,
            count(*)::int AS devices
     FROM classified
     GROUP BY 1, 2`,
    tags.length === 0 ? [rule.allDevicesSeconds] : [rule.allDevicesSeconds, tags, seconds],
  );
  const health: DeviceHealth = { total: 0, ok: 0, never: 0, stale: 0, failed: [], disabled: 0 };
  for (const row of rows) {
    health.total += row.devices;
    if (row.state === 'failed') health.failed.push({ code: row.code ?? 'UNKNOWN', devices: row.devices });
    else if (row.state === 'ok' || row.state === 'never' || row.state === 'stale' || row.state === 'disabled') health[row.state] += row.devices;
  }
  health.failed.sort((a, b) => b.devices - a.devices || a.code.localeCompare(b.code));
  return health;
}
