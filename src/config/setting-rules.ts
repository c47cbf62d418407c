/**
 * Each setting's rule in words, for the console's settings screen and its editor: read from
 * the setting's own schema (settings.ts), so the words cannot drift from what is enforced.
 */
import { SCHEDULE_SETTINGS } from './settings-store.js';
import { SETTINGS, type SettingKey } from './settings.js';

interface Introspected {
  type?: string;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly string[];
  maxLength?: number | null;
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The rule of a setting in words: "a whole number from 1 to 2,000", "true or false", "one of:
 * always, first-contact-only, never", "a cron expression … at most every
 * schedules.min_interval_seconds".
 */
export function settingRule(key: SettingKey): string {
  const schema = SETTINGS[key].schema as unknown as Introspected & { def?: { type?: string } };
  const type = schema.def?.type;
  if ((SCHEDULE_SETTINGS as readonly string[]).includes(key)) {
    return `a cron expression (minute hour day-of-month month day-of-week, or 6 fields with seconds first), at most ${schema.maxLength ?? 200} characters, firing at most every schedules.min_interval_seconds`;
  }
  if (type === 'boolean') return 'true or false';
  if (type === 'enum') return `one of: ${(schema.options ?? []).join(', ')}`;
  if (type === 'number') {
    const what = schema.isInt ? 'a whole number' : 'a number';
    const range = `${what} from ${number(schema.minValue ?? 0)} to ${number(schema.maxValue ?? 0)}`;
    return key === 'schedules.min_interval_seconds' ? `${range}, not above the interval of an existing schedule` : range;
  }
  return 'text';
}
