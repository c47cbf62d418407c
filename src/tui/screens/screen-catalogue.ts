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
  'jobs',
  'log',
  'search',
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
};

/** True when text names a screen. */
export function isScreenName(text: string): text is ScreenName {
  return (SCREEN_NAMES as readonly string[]).includes(text);
}
