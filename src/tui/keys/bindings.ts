/**
 * THE bindings table: every key the console reacts to, as a named command with the scopes it
 * applies in and its help text. The help overlay, the footer and docs/console.md are made from
 * it, and a test fails for any binding that has no test of its own (test/tui/bindings/).
 * Screens never compare keys themselves: they handle commands (keys/keymap.tsx).
 *
 * Scopes: `global` (everywhere), a screen's name, a context a component adds to the screen it
 * is on (`list`, `text`, `panes`), or an overlay which, while open, is the only scope besides
 * `global` quit-now: `help`, `command-line`, `confirm` (y/n), `input` (a typed value: a secret,
 * a confirmation word). Typing into a line input is not a binding: the focused input gets it.
 */
import type { ScreenName } from '../screens/screen-catalogue.js';
import type { KeyName } from './key-names.js';

export type ContextScope = 'list' | 'text' | 'panes';
export type OverlayScope = 'help' | 'command-line' | 'confirm' | 'input';
export type KeyScope = 'global' | ContextScope | OverlayScope | ScreenName;

export type CommandName =
  | 'help'
  | 'jump'
  | 'back'
  | 'quit'
  | 'quit-now'
  | 'refresh'
  | 'move-down'
  | 'move-up'
  | 'page-down'
  | 'page-up'
  | 'top'
  | 'bottom'
  | 'next-pane'
  | 'complete'
  | 'submit'
  | 'confirm-yes'
  | 'confirm-no';

export interface Binding {
  command: CommandName;
  keys: readonly KeyName[];
  /** How the key is written in the footer, the help and the docs. */
  label: string;
  scopes: readonly KeyScope[];
  /** What it does, for the help overlay and docs/console.md. */
  help: string;
  /** A word or two for the footer; bindings without one are only in the help. */
  footer?: string;
}

export const BINDINGS: readonly Binding[] = [
  { command: 'help', keys: ['?'], label: '?', scopes: ['global', 'help'], help: 'help: every binding of this screen and the global ones (? or Esc closes it)', footer: 'help' },
  { command: 'jump', keys: [':'], label: ':', scopes: ['global'], help: 'jump to a screen by name (Tab completes, Enter goes, Esc cancels)', footer: 'jump' },
  { command: 'back', keys: ['escape'], label: 'Esc', scopes: ['global', 'help', 'command-line', 'confirm', 'input'], help: 'close the overlay (cancelling it), or go back to the previous screen' },
  { command: 'quit', keys: ['q'], label: 'q', scopes: ['global', 'help'], help: 'back; quit from the overview (asks first while this console runs a sweep)', footer: 'back/quit' },
  { command: 'quit-now', keys: ['ctrl+c'], label: 'Ctrl-C', scopes: ['global'], help: 'quit at once from anywhere (the terminal is restored)' },
  { command: 'refresh', keys: ['ctrl+r'], label: 'Ctrl-r', scopes: ['global'], help: 'read this screen again now', footer: 'refresh' },
  { command: 'move-down', keys: ['down', 'j'], label: '↓ j', scopes: ['list', 'text', 'help'], help: 'move down one row', footer: 'move' },
  { command: 'move-up', keys: ['up', 'k'], label: '↑ k', scopes: ['list', 'text', 'help'], help: 'move up one row' },
  { command: 'page-down', keys: ['pagedown', 'ctrl+d'], label: 'PgDn Ctrl-d', scopes: ['list', 'text', 'help'], help: 'one page down' },
  { command: 'page-up', keys: ['pageup', 'ctrl+u'], label: 'PgUp Ctrl-u', scopes: ['list', 'text', 'help'], help: 'one page up' },
  { command: 'top', keys: ['g', 'home'], label: 'g Home', scopes: ['list', 'text', 'help'], help: 'to the top' },
  { command: 'bottom', keys: ['G', 'end'], label: 'G End', scopes: ['list', 'text', 'help'], help: 'to the bottom' },
  { command: 'next-pane', keys: ['tab'], label: 'Tab', scopes: ['panes'], help: 'move to the next pane', footer: 'pane' },
  { command: 'complete', keys: ['tab'], label: 'Tab', scopes: ['command-line'], help: 'complete the screen name' },
  { command: 'submit', keys: ['return'], label: 'Enter', scopes: ['command-line', 'input'], help: 'go to the screen named; enter the value typed' },
  { command: 'confirm-yes', keys: ['y', 'Y'], label: 'y', scopes: ['confirm'], help: 'yes: do what the question names' },
  { command: 'confirm-no', keys: ['n', 'N', 'return'], label: 'n Enter', scopes: ['confirm'], help: 'no (the default): do nothing' },
];

/** The bindings that apply in any of these scopes, in table order. */
export function bindingsIn(scopes: readonly KeyScope[]): Binding[] {
  return BINDINGS.filter((binding) => binding.scopes.some((scope) => scopes.includes(scope)));
}
