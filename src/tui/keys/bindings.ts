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
 *
 * Roles: every binding says what it `needs` (read / operate / admin, as ACTION_CLASSES classes
 * the console actions). The footer and the help show only the bindings the operator's role
 * allows, and the dispatcher refuses the others with "not allowed for role …" (the console
 * services refuse the action itself too). A binding that runs a console action names it in
 * `action`; the bindings-table test checks that `needs` is that action's class.
 */
import { roleAllows, type ActionClass, type Role } from '../../console/actor.js';
import type { ConsoleActions } from '../../console/console-services.js';
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
  /** The right the command needs: the footer, the help and the dispatcher follow the operator's role. */
  needs: ActionClass;
  /** The console action the command runs, if any (its class must be `needs`). */
  action?: keyof ConsoleActions;
}

export const BINDINGS: readonly Binding[] = [
  { command: 'help', keys: ['?'], label: '?', scopes: ['global', 'help'], help: 'help: every binding of this screen and the global ones (? or Esc closes it)', footer: 'help', needs: 'read' },
  { command: 'jump', keys: [':'], label: ':', scopes: ['global'], help: 'jump to a screen by name (Tab completes, Enter goes, Esc cancels)', footer: 'jump', needs: 'read' },
  { command: 'back', keys: ['escape'], label: 'Esc', scopes: ['global', 'help', 'command-line', 'confirm', 'input'], help: 'close the overlay (cancelling it), or go back to the previous screen', needs: 'read' },
  { command: 'quit', keys: ['q'], label: 'q', scopes: ['global', 'help'], help: 'back; quit from the overview (asks first while this console runs a sweep)', footer: 'back/quit', needs: 'read' },
  { command: 'quit-now', keys: ['ctrl+c'], label: 'Ctrl-C', scopes: ['global'], help: 'quit at once from anywhere (the terminal is restored)', needs: 'read' },
  { command: 'refresh', keys: ['ctrl+r'], label: 'Ctrl-r', scopes: ['global'], help: 'read this screen again now', footer: 'refresh', needs: 'read' },
  { command: 'move-down', keys: ['down', 'j'], label: '↓ j', scopes: ['list', 'text', 'help'], help: 'move down one row', footer: 'move', needs: 'read' },
  { command: 'move-up', keys: ['up', 'k'], label: '↑ k', scopes: ['list', 'text', 'help'], help: 'move up one row', needs: 'read' },
  { command: 'page-down', keys: ['pagedown', 'ctrl+d'], label: 'PgDn Ctrl-d', scopes: ['list', 'text', 'help'], help: 'one page down', needs: 'read' },
  { command: 'page-up', keys: ['pageup', 'ctrl+u'], label: 'PgUp Ctrl-u', scopes: ['list', 'text', 'help'], help: 'one page up', needs: 'read' },
  { command: 'top', keys: ['g', 'home'], label: 'g Home', scopes: ['list', 'text', 'help'], help: 'to the top', needs: 'read' },
  { command: 'bottom', keys: ['G', 'end'], label: 'G End', scopes: ['list', 'text', 'help'], help: 'to the bottom', needs: 'read' },
  { command: 'next-pane', keys: ['tab'], label: 'Tab', scopes: ['panes'], help: 'move to the next pane', footer: 'pane', needs: 'read' },
  { command: 'complete', keys: ['tab'], label: 'Tab', scopes: ['command-line'], help: 'complete the screen name', needs: 'read' },
  { command: 'submit', keys: ['return'], label: 'Enter', scopes: ['command-line', 'input'], help: 'go to the screen named; enter the value typed', needs: 'read' },
  { command: 'confirm-yes', keys: ['y', 'Y'], label: 'y', scopes: ['confirm'], help: 'yes: do what the question names', needs: 'read' },
  { command: 'confirm-no', keys: ['n', 'N', 'return'], label: 'n Enter', scopes: ['confirm'], help: 'no (the default): do nothing', needs: 'read' },
];

/** The bindings that apply in any of these scopes, in table order; with a role, only those it allows. */
export function bindingsIn(scopes: readonly KeyScope[], role?: Role): Binding[] {
  return BINDINGS.filter((binding) => binding.scopes.some((scope) => scopes.includes(scope)) && (role === undefined || roleAllows(role, binding.needs)));
}
