import type { Knex } from 'knex';
import { keysetPage, type Page } from '../db/queries/keyset-page.js';
import { SystemSetting } from '../db/models/system-setting.model.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { resolveSettings, SETTINGS, validateSetting, type Settings } from './settings.js';

/** All settings, stored values over defaults, each validated. */
export async function loadSettings(db: Knex): Promise<Settings> {
  const rows = await inReadOnlyTransaction(db, async (trx) => await SystemSetting.query(trx).select('key', 'value'));
  return resolveSettings(rows);
}

/** One page of stored settings, ordered by key. */
export function listSettings(db: Knex, options: { limit: number; after?: string }): Promise<Page<SystemSetting>> {
  return inReadOnlyTransaction(db, (trx) => keysetPage(SystemSetting.query(trx), 'key', options, (row) => row.key));
}

/** One stored setting; NOT_FOUND names the known keys. */
export async function getSetting(db: Knex, key: string): Promise<SystemSetting> {
  validateSetting(key, SETTINGS[key as keyof typeof SETTINGS]?.default);
  const row = await inReadOnlyTransaction(db, async (trx) => await SystemSetting.query(trx).findById(key));
  if (!row) throw new NetRavenError('NOT_FOUND', `setting ${key} is not stored: run \`netraven db init\` to add the defaults`);
  return row;
}

/** Validates and stores one setting; a refused value leaves the stored one untouched. */
export async function setSetting(db: Knex, key: string, value: unknown): Promise<SystemSetting> {
  const valid = validateSetting(key, value);
  const description = SETTINGS[key as keyof typeof SETTINGS].description;
  const [row] = await db('system_settings')
    .insert({ key, value: JSON.stringify(valid), description })
    .onConflict('key')
    .merge(['value'])
    .returning('*');
  return SystemSetting.fromJson(row as object, { skipValidation: true });
}
