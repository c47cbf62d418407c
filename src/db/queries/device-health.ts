import type { Knex } from 'knex';
import { deviceStateSql, type StaleRule } from './device-state.js';

export type { StaleRule } from './device-state.js';

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

/**
 * Counts devices by state (device-state.ts: the same rule the device list filters by) in one
 * pass over the devices table (one read, no per-device round trip).
 */
export async function deviceHealth(db: Knex | Knex.Transaction, rule: StaleRule): Promise<DeviceHealth> {
  const state = deviceStateSql(rule);
  const { rows } = await db.raw<{ rows: Array<{ state: string; code: string | null; devices: number }> }>(
    `SELECT state, CASE WHEN state = 'failed' THEN coalesce(code, 'UNKNOWN') END AS code, count(*)::int AS devices
     FROM (SELECT ${state.sql} AS state, d.last_retrieval_error_code AS code FROM devices d) AS classified
     GROUP BY 1, 2`,
    state.bindings as Knex.RawBinding[],
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
