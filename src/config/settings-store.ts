import type { Knex } from 'knex';
import { keysetPage, type Page } from '../db/queries/keyset-page.js';
import { SystemSetting } from '../db/models/system-setting.model.js';
import { inReadOnlyTransaction, inTransaction, type RecordHook } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { assertScheduleInterval, tooFrequent } from './schedule-interval.js';
import { INTERNAL_KEY_PREFIX, resolveSettings, settingManagedBy, SETTINGS, validateSetting, type SettingKey, type Settings } from './settings.js';

/** PostgreSQL NOTIFYs this channel (a trigger on system_settings) after every change of a setting. */
export const SETTINGS_CHANNEL = 'netraven_settings';

/** Settings holding a cron expression: the schedules that follow them obey schedules.min_interval_seconds. */
export const SCHEDULE_SETTINGS = ['retrieval.schedule', 'retention.purge_schedule'] as const satisfies readonly SettingKey[];
const MIN_INTERVAL = 'schedules.min_interval_seconds';

/** All settings, stored values over defaults, each validated. */
export async function loadSettings(db: Knex): Promise<Settings> {
  return inReadOnlyTransaction(db, readSettings);
}

/** The stored settings, never NetRaven's internal records (INTERNAL_KEY_PREFIX) that share the table. */
function storedSettings(trx: Knex.Transaction) {
  return SystemSetting.query(trx).whereNot('key', 'like', `${INTERNAL_KEY_PREFIX}%`);
}

async function readSettings(trx: Knex.Transaction): Promise<Settings> {
  return resolveSettings(await storedSettings(trx).select('key', 'value'));
}

/** One page of stored settings, ordered by key (internal records left out). */
export function listSettings(db: Knex, options: { limit: number; after?: string }): Promise<Page<SystemSetting>> {
  return inReadOnlyTransaction(db, (trx) => keysetPage(storedSettings(trx), 'key', options, (row) => row.key));
}

/** One stored setting; SETTING_UNKNOWN for an unknown key or an internal record, NOT_FOUND when not stored. */
export async function getSetting(db: Knex, key: string): Promise<SystemSetting> {
  validateSetting(key, SETTINGS[key as keyof typeof SETTINGS]?.default);
  const row = await inReadOnlyTransaction(db, async (trx) => await SystemSetting.query(trx).findById(key));
  if (!row) throw new NetRavenError('NOT_FOUND', `setting ${key} is not stored: run \`netraven db init\` to add the defaults`);
  return row;
}

/**
 * A schedule setting must respect the minimum interval, and the minimum cannot be raised
 * above a schedule that exists (SCHEDULE_TOO_FREQUENT names it). The stored settings are read
 * in the writing transaction.
 */
async function assertScheduleRules(trx: Knex.Transaction, key: string, value: unknown): Promise<void> {
  if (key !== MIN_INTERVAL && !(SCHEDULE_SETTINGS as readonly string[]).includes(key)) return;
  const settings = { ...(await readSettings(trx)), [key]: value } as Settings;
  const min = settings[MIN_INTERVAL];
  if (key !== MIN_INTERVAL) return assertScheduleInterval(`setting ${key}`, settings[key as (typeof SCHEDULE_SETTINGS)[number]], min);
  const added = (await trx('jobs').whereNotNull('schedule').whereRaw("target->>'system' IS NULL").orderBy('createdAt').select('id', 'schedule')) as Array<{ id: string; schedule: string }>;
  const schedules = [...SCHEDULE_SETTINGS.map((name) => ({ what: `setting ${name}`, cron: settings[name] })), ...added.map((row) => ({ what: `schedule ${row.id}`, cron: row.schedule }))];
  for (const { what, cron } of schedules) {
    const reason = tooFrequent(cron, min);
    if (reason) throw new NetRavenError('SCHEDULE_TOO_FREQUENT', `cannot raise ${MIN_INTERVAL} to ${min}: ${what} "${cron}" ${reason}: change or remove it first`, { details: { cron } });
  }
}

/**
 * Every check `setSetting` makes (the setting's rule, and the schedule rules against what is
 * stored), writing nothing: for an editor that validates before the operator submits. Returns
 * the value as it would be stored; throws SETTING_UNKNOWN, SETTINGS_INVALID, INPUT_INVALID (a
 * setting with its own commands) or SCHEDULE_TOO_FREQUENT.
 */
export async function checkSetting(db: Knex, key: string, value: unknown): Promise<unknown> {
  assertSetBySettings(key);
  const valid = validateSetting(key, value);
  await inReadOnlyTransaction(db, (trx) => assertScheduleRules(trx, key, valid));
  return valid;
}

/** A setting with its own commands (console.operators) is refused with INPUT_INVALID naming them. */
function assertSetBySettings(key: string): void {
  const managedBy = settingManagedBy(key);
  if (managedBy) throw new NetRavenError('INPUT_INVALID', `${key} is changed with \`${managedBy}\` (add, remove, role), not \`settings set\``, { details: { key } });
}

/**
 * Validates and stores one setting; a refused value leaves the stored one untouched. A setting
 * with its own commands (console.operators) is refused with INPUT_INVALID naming them. `record`
 * runs inside the writing transaction with the stored row (who changed it).
 */
export async function setSetting(db: Knex, key: string, value: unknown, options: { record?: RecordHook<SystemSetting> } = {}): Promise<SystemSetting> {
  assertSetBySettings(key);
  const valid = validateSetting(key, value);
  const description = SETTINGS[key as keyof typeof SETTINGS].description;
  return inTransaction(db, async (trx) => {
    await assertScheduleRules(trx, key, valid);
    const [row] = await trx('system_settings')
      .insert({ key, value: JSON.stringify(valid), description })
      .onConflict('key')
      .merge(['value'])
      .returning('*');
    const stored = SystemSetting.fromJson(row as object, { skipValidation: true });
    await options.record?.(trx, stored);
    return stored;
  });
}
