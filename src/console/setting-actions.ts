/**
 * Settings from the console: every setting with its value, default, rule and whether a change
 * applies live or needs a restart; a check of a typed value (every rule of `settings set`,
 * writing nothing) and the change itself, recorded as a change by the operator.
 */
import { settingEffect, type SettingEffect } from '../config/setting-effects.js';
import { settingRule } from '../config/setting-rules.js';
import { checkSetting, listSettings, setSetting } from '../config/settings-store.js';
import { isSettingKey, managedListSummary, parseSettingText, SETTINGS, validateSetting, type SettingKey } from '../config/settings.js';
import { recordChange } from '../jobs/change-record.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

/** A setting as the settings screen shows it. */
export interface SettingRow {
  key: string;
  /** The value in effect, as typed in the editor (a string as it is, anything else as JSON). */
  value: string;
  default: string;
  /** The rule in words; '' for a stored key this version does not know. */
  rule: string;
  /** null for a stored key this version does not know (it cannot be edited here). */
  effect: SettingEffect | null;
  /** The stored description (or the shipped one). */
  description: string;
  /** A value is stored (else the default applies). */
  stored: boolean;
  /** The stored value breaks the rule (someone wrote it by hand): the reason; the default applies meanwhile. */
  invalid: string | null;
  updatedAt: Date | null;
}

export interface SettingActions {
  /** Every known setting in key order, then stored keys this version does not know. */
  settingsList(): Promise<SettingRow[]>;
  /** Checks a typed value as `setSetting` will (SETTINGS_INVALID naming the rule, SCHEDULE_TOO_FREQUENT…); returns it as it would be stored. */
  checkSettingValue(key: string, text: string): Promise<string>;
  /** Validates and stores a value typed by the operator; a refused value changes nothing. */
  setSettingValue(key: string, text: string): Promise<SettingRow>;
}

export const SETTING_ACTIONS: Record<keyof SettingActions, ActionClass> = {
  settingsList: 'read',
  checkSettingValue: 'read',
  setSettingValue: 'admin',
};

/** A value as the editor shows it: strings (cron expressions) as they are, the rest as JSON. */
export function settingText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function invalidReason(key: SettingKey, value: unknown): string | null {
  try {
    validateSetting(key, value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** As `settings list` shows it: a setting with its own commands (operators' keys: long) as a count and the command that lists it. */
function shownValue(key: string, value: unknown): string {
  const managed = managedListSummary(key, value);
  if (managed) return `${managed.entries} entries (${managed.listCommand})`;
  return settingText(value);
}

type StoredRow = { key: string; value: unknown; description: string | null; updatedAt: Date };

function rowOf(key: string, stored: StoredRow | undefined): SettingRow {
  if (!isSettingKey(key)) {
    return { key, value: settingText(stored?.value), default: '', rule: '', effect: null, description: stored?.description ?? '', stored: true, invalid: null, updatedAt: stored?.updatedAt ?? null };
  }
  const definition = SETTINGS[key];
  const invalid = stored ? invalidReason(key, stored.value) : null;
  return {
    key,
    value: shownValue(key, stored && !invalid ? stored.value : definition.default),
    default: settingText(definition.default),
    rule: settingRule(key),
    effect: settingEffect(key),
    description: stored?.description ?? definition.description,
    stored: stored !== undefined,
    invalid,
    updatedAt: stored?.updatedAt ?? null,
  };
}

export function settingActions(ctx: ConsoleContext): SettingActions {
  const stored = async (): Promise<Map<string, StoredRow>> => {
    // A few dozen rows at most: every key is one setting.
    const page = await listSettings(ctx.knex, { limit: 1_000 });
    return new Map(page.items.map((row) => [row.key, row as StoredRow]));
  };
  return {
    async settingsList() {
      const rows = await stored();
      const known = Object.keys(SETTINGS).sort();
      const unknown = [...rows.keys()].filter((key) => !isSettingKey(key)).sort();
      return [...known, ...unknown].map((key) => rowOf(key, rows.get(key)));
    },
    async checkSettingValue(key, text) {
      return settingText(await checkSetting(ctx.knex, key, parseSettingText(key, text)));
    },
    async setSettingValue(key, text) {
      const value = parseSettingText(key, text);
      const before = (await stored()).get(key);
      const was = before ? settingText(before.value) : `${settingText(isSettingKey(key) ? SETTINGS[key].default : undefined)} (default)`;
      const row = await setSetting(ctx.knex, key, value, {
        record: (trx, after) => {
          const applies = isSettingKey(key) && settingEffect(key) === 'restart' ? 'running daemons and consoles apply it when they restart' : 'applies live';
          const message = `setting ${key} set to ${JSON.stringify(after.value)} (was ${was}; ${applies}) by ${ctx.actor.name}`;
          return recordChange(trx, { by: ctx.actor.name, change: 'setting.set', subject: key, message, data: { value: after.value, via: ctx.actor.via } });
        },
      });
      return rowOf(key, row as StoredRow);
    },
  };
}
