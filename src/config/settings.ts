import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { NetRavenError } from '../errors.js';
import { assertWithinLimit, INPUT_LIMITS } from './input-limits.js';
import { OPERATORS_SCHEMA, type OperatorRecord } from './operator-records.js';

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

const cronExpression = z
  .string()
  .trim()
  .max(INPUT_LIMITS.cron, `at most ${INPUT_LIMITS.cron} characters`)
  .refine((value) => validateCron(value), 'must be a valid cron expression such as "0 2 * * *"');

/**
 * system_settings keys starting with this are NetRaven's own records (the keyring identity,
 * src/credentials/keyring-identity.ts), not operator settings: no settings command or screen
 * shows, reads or changes them, and no setting may be named so.
 */
export const INTERNAL_KEY_PREFIX = 'internal.';

/** True when key names one of NetRaven's internal records rather than a setting. */
export function isInternalKey(key: string): boolean {
  return key.startsWith(INTERNAL_KEY_PREFIX);
}

/** Every system setting: its rule, default and the description seeded into system_settings. */
export const SETTINGS = {
  'retrieval.schedule': {
    schema: cronExpression,
    default: '0 2 * * *',
    description: 'Cron expression for the global scheduled retrieval of all enabled devices',
  },
  'retrieval.concurrency': {
    schema: z.number().int().min(1).max(2000),
    default: 50,
    description: 'How many devices one process retrieves at the same time',
  },
  'retrieval.connect_timeout_seconds': {
    schema: seconds(1, 300),
    default: 10,
    description: 'Seconds to wait for the TCP and SSH handshake',
  },
  'retrieval.login_timeout_seconds': {
    schema: seconds(1, 600),
    default: 20,
    description: 'Seconds from connection until the first prompt',
  },
  'retrieval.idle_timeout_seconds': {
    schema: seconds(1, 3600),
    default: 30,
    description: 'Seconds without any byte from the device before giving up',
  },
  'retrieval.overall_timeout_seconds': {
    schema: seconds(10, 86_400),
    default: 600,
    description: 'Upper limit for one device retrieval, however busy the device is',
  },
  'retrieval.max_output_bytes': {
    schema: z.number().int().min(1024).max(512 * 1024 * 1024),
    default: 64 * 1024 * 1024,
    description: 'Largest configuration output accepted from one device, in bytes',
  },
  'retrieval.redact_secrets': {
    schema: z.boolean(),
    default: false,
    description: 'Replace secrets found in configurations by a marker before storing them',
  },
  'retrieval.credential_fallback': {
    // An impostor answering on a device's address would otherwise be offered every credential
    // sharing a tag with the device (issue 11 point 7). Values in CREDENTIAL_FALLBACKS.
    schema: z.enum(['always', 'first-contact-only', 'never']),
    default: 'first-contact-only',
    description:
      'Credentials a device is offered after a refused login: always (every one sharing a tag), first-contact-only (only its last working one once it has a pinned host key and one), never (one credential per retrieval)',
  },
  'retention.job_log_days': {
    schema: z.number().int().min(1).max(3650),
    default: 90,
    description: 'Days job logs are kept',
  },
  'retention.job_days': {
    schema: z.number().int().min(1).max(3650),
    default: 180,
    description: 'Days finished jobs are kept',
  },
  'retention.configuration_versions': {
    schema: z.number().int().min(1).max(1_000_000),
    default: 1000,
    description: 'Configuration versions kept per device (the latest is always kept)',
  },
  'retention.purge_schedule': {
    schema: cronExpression,
    default: '30 3 * * *',
    description: 'Cron expression for the retention purge',
  },
  'schedules.min_interval_seconds': {
    // Seconds, not minutes: a lab or a test may deliberately allow a schedule every few seconds.
    schema: seconds(1, 86_400),
    default: 300,
    description: 'Shortest interval in seconds between two runs of a schedule; more frequent cron expressions are refused',
  },
  'database.pool_size': {
    schema: z.number().int().min(2).max(500),
    default: 10,
    description: 'Connections each NetRaven process keeps open at most',
  },
  'jobs.max_attempts': {
    schema: z.number().int().min(1).max(20),
    default: 3,
    description: 'Times a job is tried after its worker died before it is failed',
  },
  'jobs.lease_seconds': {
    // 2 s is too short for production (a GC pause or a slow heartbeat loses the lease) but lets
    // tests of crash recovery run in seconds; the default is what operators should keep.
    schema: seconds(2, 3600),
    default: 30,
    description: 'Seconds a worker holds a claimed job without a heartbeat',
  },
  'logs.flush_rows': {
    schema: z.number().int().min(1).max(100_000),
    default: 500,
    description: 'Job log rows buffered before a write',
  },
  'logs.flush_ms': {
    schema: z.number().int().min(10).max(60_000),
    default: 200,
    description: 'Milliseconds job log rows wait at most before a write',
  },
  'keys.rotation_batch_size': {
    schema: z.number().int().min(1).max(10_000),
    default: 500,
    description: 'Credentials re-sealed per transaction during key rotation',
  },
  'console.operators': {
    schema: OPERATORS_SCHEMA,
    default: [] as OperatorRecord[],
    description: 'Operators of the SSH console (netraven serve-ssh): name, role and public keys; changed with `netraven operators`',
    managedBy: 'netraven operators',
  },
  'console.max_sessions': {
    schema: z.number().int().min(1).max(1000),
    default: 20,
    description: 'SSH console sessions open at once at most (netraven serve-ssh); one more is told the console is full',
  },
  'console.max_sessions_per_operator': {
    schema: z.number().int().min(1).max(1000),
    default: 5,
    description: 'SSH console sessions one operator may have open at once',
  },
  'console.idle_timeout_seconds': {
    // Seconds, not minutes, as for schedules: a test (or a strict site) may want it short.
    schema: seconds(5, 7 * 86_400),
    default: 1800,
    description: 'Seconds without a key typed after which an SSH console session is closed',
  },
  'console.pool_size': {
    schema: z.number().int().min(2).max(500),
    default: 10,
    description: 'Database connections an SSH console server keeps open at most, shared by all its sessions',
  },
} as const;

/** Settings written only through their own commands (`settings set` refuses them and names the command). */
export function settingManagedBy(key: string): string | undefined {
  const definition: object | undefined = isSettingKey(key) ? SETTINGS[key] : undefined;
  return definition && 'managedBy' in definition ? String(definition.managedBy) : undefined;
}

/** A setting with its own commands that holds a list (operators' keys: long): its entry count and the command that lists it; else undefined. */
export function managedListSummary(key: string, value: unknown): { entries: number; listCommand: string } | undefined {
  const managedBy = settingManagedBy(key);
  return managedBy && Array.isArray(value) ? { entries: value.length, listCommand: `${managedBy} list` } : undefined;
}

export type SettingKey = keyof typeof SETTINGS;

/** The values of retrieval.credential_fallback. */
export type CredentialFallback = z.infer<(typeof SETTINGS)['retrieval.credential_fallback']['schema']>;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

/** A refused value for a message: JSON, cut to 60 characters (it may be long, and is the operator's own). */
function shortened(value: unknown): string {
  const json = JSON.stringify(value) ?? 'nothing';
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

/** True when key names a known setting. */
export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** Checks one value against its rule; the error names the key, the rule and the value. */
export function validateSetting<K extends SettingKey>(key: K, value: unknown): SettingValue<K>;
export function validateSetting(key: string, value: unknown): unknown;
export function validateSetting(key: string, value: unknown): unknown {
  if (isInternalKey(key)) {
    throw new NetRavenError('SETTING_UNKNOWN', `"${key}" is NetRaven's own record, not a setting: it cannot be shown or changed with the settings commands`);
  }
  if (!isSettingKey(key)) {
    throw new NetRavenError('SETTING_UNKNOWN', `unknown setting "${key}"; known settings: ${Object.keys(SETTINGS).join(', ')}`);
  }
  const result = SETTINGS[key].schema.safeParse(value);
  if (!result.success) {
    const rule = result.error.issues.map((issue) => issue.message).join('; ');
    throw new NetRavenError('SETTINGS_INVALID', `setting ${key}: ${rule} (got ${shortened(value)})`, {
      details: { key },
    });
  }
  return result.data;
}

/** The defaults of every setting, as seeded by `netraven db init`. */
export function defaultSettings(): Settings {
  return Object.fromEntries(Object.entries(SETTINGS).map(([key, def]) => [key, def.default])) as Settings;
}

/** Merges stored rows over the defaults, validating each stored value. */
export function resolveSettings(rows: ReadonlyArray<{ key: string; value: unknown }>): Settings {
  const settings: Record<string, unknown> = { ...defaultSettings() };
  for (const row of rows) {
    if (isSettingKey(row.key)) settings[row.key] = validateSetting(row.key, row.value);
  }
  return settings as Settings;
}

/** Parses an operator's text (CLI argument) into a setting value of the right type; INPUT_INVALID beyond INPUT_LIMITS.settingValue. */
export function parseSettingText(key: string, text: string): unknown {
  if (!isSettingKey(key)) return validateSetting(key, text);
  assertWithinLimit(`value of ${key}`, text, 'settingValue');
  const fallback = SETTINGS[key].default;
  if (typeof fallback === 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new NetRavenError('SETTINGS_INVALID', `setting ${key}: expected a ${typeof fallback}, got ${JSON.stringify(text)}`);
  }
}
