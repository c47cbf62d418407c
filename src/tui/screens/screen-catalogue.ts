/**
 * The screens that exist, for `:` (jump), the help overlay and docs/console.md. No Ink here:
 * the bindings test and the docs generator read it without rendering anything.
 *
 * `contexts` names the key scopes a screen's components add besides the screen's own
 * (see keys/bindings.ts): a screen with a list gets the movement keys, one with panes gets Tab.
 */
import type { KeyScope } from '../keys/bindings.js';

export const SCREEN_NAMES = [
  'overview',
  'devices',
  'device',
  'version',
  'diff',
  'jobs',
  'log',
  'search',
  'credentials',
  'keys',
  'schedules',
  'settings',
  'operators',
] as const;

export type ScreenName = (typeof SCREEN_NAMES)[number];

export interface ScreenInfo {
  name: ScreenName;
  /** One line for `:` completion, the help overlay and docs/console.md. */
  description: string;
  contexts: readonly KeyScope[];
}

export const SCREENS: Record<ScreenName, ScreenInfo> = {
  overview: {
    name: 'overview',
    description: 'devices by last result, last and next sweep, running jobs, daemons, keys, recent failures (live)',
    contexts: ['list', 'panes'],
  },
  jobs: {
    name: 'jobs',
    description: 'recent and running jobs: kind, target, status, progress, who, when, how long (live); Enter opens the log',
    contexts: ['list'],
  },
  log: {
    name: 'log',
    description: "a job's log, live (from `:`, the newest job's): follow, level and device filters, wrap",
    contexts: ['text'],
  },
  search: {
    name: 'search',
    description: 'configuration search across the latest versions (Tab: every version; s: substring); Enter opens the match',
    contexts: ['list'],
  },
  devices: {
    name: 'devices',
    description: 'every device with its address, type, tags, last retrieval, result and versions: filter, sort, mark, retrieve; Enter opens one',
    contexts: ['list'],
  },
  device: {
    name: 'device',
    description: 'one device (opened from devices): identity, host keys, credentials, the last error in full, configuration history; show, diff, retrieve, accept a new host key',
    contexts: ['list', 'text', 'panes'],
  },
  version: {
    name: 'version',
    description: 'a stored configuration version (opened from a device or a search): scroll, search, line numbers, wrap',
    contexts: ['text'],
  },
  diff: {
    name: 'diff',
    description: 'the coloured unified diff of two versions (opened from a device): scroll, hunk by hunk',
    contexts: ['text'],
  },
  credentials: { name: 'credentials', description: 'device logins: name, user, password or SSH key, tags, key id, successes/failures, last used (never a secret); add, edit, tags, remove', contexts: ['list'] },
  keys: { name: 'keys', description: 'the keyring: active key, credentials per key, an unfinished rotation; rotate (with progress) and verify', contexts: ['list'] },
  schedules: { name: 'schedules', description: 'recurring retrievals: cron in words and the next three fire times; add (cron checked as you type), remove', contexts: ['list'] },
  settings: { name: 'settings', description: 'every setting: value, default, rule, live or restart needed; Enter edits (checked, an invalid value is not stored)', contexts: ['list'] },
  operators: {
    name: 'operators',
    description: 'who may log in to the SSH console: operator, role, key fingerprint, last login (admins only)',
    contexts: ['list'],
  },
};

/** True when text names a screen. */
export function isScreenName(text: string): text is ScreenName {
  return (SCREEN_NAMES as readonly string[]).includes(text);
}
