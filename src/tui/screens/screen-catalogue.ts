/**
 * The screens that exist, for `:` (jump), the help overlay and docs/console.md. No Ink here:
 * the bindings test and the docs generator read it without rendering anything.
 *
 * `contexts` names the key scopes a screen's components add besides the screen's own
 * (see keys/bindings.ts): a screen with a list gets the movement keys, one with panes gets Tab.
 */
import type { KeyScope } from '../keys/bindings.js';

export const SCREEN_NAMES = ['overview'] as const;

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
};

/** True when text names a screen. */
export function isScreenName(text: string): text is ScreenName {
  return (SCREEN_NAMES as readonly string[]).includes(text);
}
