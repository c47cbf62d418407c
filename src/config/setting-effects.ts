/**
 * When a changed setting takes effect in a process that is already running (a daemon, a
 * console). CLI commands read the settings afresh every run, so for them every change is
 * immediate. `live`: running daemons apply the change within seconds (system_settings NOTIFYs
 * `netraven_settings` on every change, src/daemon/settings-watcher.ts). `restart`: it shapes
 * something built once at start (the connection pool, the lease heartbeat, the log writer).
 * Every setting must be listed: a new one does not compile until someone decides.
 */
import type { SettingKey } from './settings.js';

export type SettingEffect = 'live' | 'restart';

export const SETTING_EFFECTS = {
  'retrieval.schedule': 'live',
  'retrieval.concurrency': 'live',
  'retrieval.connect_timeout_seconds': 'live',
  'retrieval.login_timeout_seconds': 'live',
  'retrieval.idle_timeout_seconds': 'live',
  'retrieval.overall_timeout_seconds': 'live',
  'retrieval.max_output_bytes': 'live',
  'retrieval.redact_secrets': 'live',
  'retrieval.credential_fallback': 'live',
  'retention.job_log_days': 'live',
  'retention.job_days': 'live',
  'retention.configuration_versions': 'live',
  'retention.purge_schedule': 'live',
  'schedules.min_interval_seconds': 'live',
  'database.pool_size': 'restart',
  'jobs.max_attempts': 'live',
  'jobs.lease_seconds': 'restart',
  'logs.flush_rows': 'restart',
  'logs.flush_ms': 'restart',
  'keys.rotation_batch_size': 'live',
  // serve-ssh LISTENs for settings: new limits and operators apply to the next login; the
  // sessions of a removed operator, or one whose role changed, are closed at once.
  'console.operators': 'live',
  'console.max_sessions': 'live',
  'console.max_sessions_per_operator': 'live',
  'console.idle_timeout_seconds': 'live',
  'console.pool_size': 'restart',
} as const satisfies Record<SettingKey, SettingEffect>;

/** 'live' or 'restart' for a known setting key. */
export function settingEffect(key: SettingKey): SettingEffect {
  return SETTING_EFFECTS[key];
}
