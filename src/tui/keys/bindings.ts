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
  | 'confirm-no'
  | 'open-log'
  | 'cancel-job'
  | 'filter-jobs'
  | 'follow'
  | 'log-level'
  | 'filter-log-device'
  | 'wrap'
  | 'search-history'
  | 'search-substring'
  | 'edit-search'
  | 'open-match'
  | 'filter-devices'
  | 'sort-devices'
  | 'mark'
  | 'retrieve'
  | 'retrieve-all'
  | 'open-device'
  | 'open-version'
  | 'diff'
  | 'accept-host-key'
  | 'find-in-text'
  | 'next-match'
  | 'previous-match'
  | 'line-numbers'
  | 'wrap-lines'
  | 'next-hunk'
  | 'previous-hunk'
  | 'retrieval-log'
  | 'next-choice'
  | 'add'
  | 'add-schedule'
  | 'edit'
  | 'edit-tags'
  | 'remove'
  | 'remove-schedule'
  | 'rotate-keys'
  | 'verify-keys'
  | 'edit-setting';

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
  { command: 'open-log', keys: ['return'], label: 'Enter', scopes: ['jobs', 'overview'], help: "open the highlighted job's log, live (overview: in the running jobs pane)", footer: 'log', needs: 'read' },
  { command: 'cancel-job', keys: ['c'], label: 'c', scopes: ['jobs'], help: 'cancel the highlighted job (asks first): a queued one now, a running sweep at its next device', footer: 'cancel', needs: 'operate', action: 'cancelJob' },
  { command: 'filter-jobs', keys: ['/'], label: '/', scopes: ['jobs'], help: 'filter by status and kind: words such as running failed retrieval (Enter applies, Esc clears)', footer: 'filter', needs: 'read' },
  { command: 'follow', keys: ['f'], label: 'f', scopes: ['log'], help: 'follow on/off: new lines scroll into view (scrolling up pauses; G follows again)', footer: 'follow', needs: 'read' },
  { command: 'log-level', keys: ['l'], label: 'l', scopes: ['log'], help: 'level filter: all, info and above, warn and above, errors only', footer: 'level', needs: 'read' },
  { command: 'filter-log-device', keys: ['/'], label: '/', scopes: ['log'], help: 'only the lines of devices whose hostname contains the text (Enter applies, Esc clears)', footer: 'device', needs: 'read' },
  { command: 'wrap', keys: ['w'], label: 'w', scopes: ['log'], help: 'wrap long lines on/off', footer: 'wrap', needs: 'read' },
  { command: 'search-history', keys: ['tab'], label: 'Tab', scopes: ['search'], help: "search every stored version, or only each device's latest (the default)", footer: 'history', needs: 'read' },
  { command: 'search-substring', keys: ['s'], label: 's', scopes: ['search'], help: 'substring mode on/off: match inside words too (slower on short fragments)', footer: 'substring', needs: 'read' },
  { command: 'edit-search', keys: ['/'], label: '/', scopes: ['search'], help: 'type a new search (Enter searches, Esc keeps the results)', footer: 'search', needs: 'read' },
  { command: 'open-match', keys: ['return'], label: 'Enter', scopes: ['search'], help: 'open the configuration version at the highlighted matching line', footer: 'open', needs: 'read' },
  { command: 'filter-devices', keys: ['/'], label: '/', scopes: ['devices'], help: 'filter as you type: hostname or address prefixes, a network (10.1.0.0/16), tag:X, type:X, status:failed|ok|never|stale (Enter keeps it, Esc clears it)', footer: 'filter', needs: 'read' },
  { command: 'sort-devices', keys: ['s'], label: 's', scopes: ['devices'], help: 'sort by hostname, by last retrieval (never and oldest first) or by result (failed first, by error code)', footer: 'sort', needs: 'read' },
  { command: 'mark', keys: ['space'], label: 'space', scopes: ['devices', 'device'], help: 'mark or unmark the highlighted row: several devices to retrieve, or two versions to diff', footer: 'mark', needs: 'read' },
  { command: 'retrieve', keys: ['r'], label: 'r', scopes: ['devices', 'device'], help: 'retrieve the marked devices, or the highlighted one (on a device: this device), and follow it here', footer: 'retrieve', needs: 'operate', action: 'retrieve' },
  { command: 'retrieve-all', keys: ['R'], label: 'R', scopes: ['devices'], help: 'retrieve every enabled device the filter shows (asks first, naming how many)', footer: 'all', needs: 'operate', action: 'retrieve' },
  { command: 'open-device', keys: ['return'], label: 'Enter', scopes: ['devices'], help: 'open the highlighted device', footer: 'open', needs: 'read' },
  { command: 'open-version', keys: ['return'], label: 'Enter', scopes: ['device'], help: 'show the highlighted version', footer: 'show', needs: 'read' },
  { command: 'diff', keys: ['d'], label: 'd', scopes: ['device'], help: 'diff the highlighted version against the one before it, or the two marked ones', footer: 'diff', needs: 'read' },
  { command: 'accept-host-key', keys: ['H'], label: 'H', scopes: ['device'], help: 'trust the host key the device presented at its last HOST_KEY_MISMATCH (asks first, showing the old and the new fingerprint)', footer: 'host key', needs: 'operate', action: 'acceptHostKey' },
  { command: 'retrieval-log', keys: ['l'], label: 'l', scopes: ['devices', 'device'], help: 'open the log of the retrieval started on this screen, live (it goes on while you read it)', footer: 'log', needs: 'read' },
  { command: 'find-in-text', keys: ['/'], label: '/', scopes: ['version'], help: 'search the text as you type (as typed, ignoring case; Enter keeps it, Esc clears it)', footer: 'search', needs: 'read' },
  { command: 'next-match', keys: ['n', ']'], label: 'n ]', scopes: ['version'], help: 'to the next match', footer: 'next', needs: 'read' },
  { command: 'previous-match', keys: ['N', '['], label: 'N [', scopes: ['version'], help: 'to the previous match', needs: 'read' },
  { command: 'line-numbers', keys: ['#'], label: '#', scopes: ['version'], help: 'line numbers on or off', footer: 'numbers', needs: 'read' },
  { command: 'wrap-lines', keys: ['w'], label: 'w', scopes: ['version'], help: 'wrap long lines on or off (off: cut at the edge)', footer: 'wrap', needs: 'read' },
  { command: 'next-hunk', keys: [']'], label: ']', scopes: ['diff'], help: 'to the next hunk (a group of changes)', footer: 'hunk', needs: 'read' },
  { command: 'previous-hunk', keys: ['['], label: '[', scopes: ['diff'], help: 'to the previous hunk', needs: 'read' },
  { command: 'next-choice', keys: ['tab'], label: 'Tab', scopes: ['input'], help: 'in a form: the next choice (← → and the first letter choose too)', needs: 'read' },
  { command: 'add', keys: ['a'], label: 'a', scopes: ['credentials'], help: 'add a credential (secrets typed unseen, or a key file)', footer: 'add', needs: 'admin', action: 'addCredential' },
  { command: 'add-schedule', keys: ['a'], label: 'a', scopes: ['schedules'], help: 'add a schedule (cron checked as you type)', footer: 'add', needs: 'operate', action: 'addSchedule' },
  { command: 'edit', keys: ['e'], label: 'e', scopes: ['credentials'], help: 'edit the highlighted credential: name, user, priority, a new password or key, the enable secret', footer: 'edit', needs: 'admin', action: 'updateCredential' },
  { command: 'edit-tags', keys: ['t'], label: 't', scopes: ['credentials'], help: 'edit the tags of the highlighted credential (the devices it applies to)', footer: 'tags', needs: 'admin', action: 'setCredentialTags' },
  { command: 'remove', keys: ['x'], label: 'x', scopes: ['credentials'], help: 'remove the highlighted credential (names the devices left without one), after a confirmation', footer: 'remove', needs: 'admin', action: 'removeCredential' },
  { command: 'remove-schedule', keys: ['x'], label: 'x', scopes: ['schedules'], help: 'remove the highlighted schedule, after a confirmation', footer: 'remove', needs: 'operate', action: 'removeSchedule' },
  { command: 'rotate-keys', keys: ['R'], label: 'R', scopes: ['keys'], help: 'rotate keys: type rotate to confirm; every credential is re-sealed under a new key, with progress', footer: 'rotate', needs: 'admin', action: 'rotateKeys' },
  { command: 'verify-keys', keys: ['v'], label: 'v', scopes: ['keys'], help: 'verify that every credential opens with the keyring; lists those that do not', footer: 'verify', needs: 'admin', action: 'verifyKeys' },
  { command: 'edit-setting', keys: ['return'], label: 'Enter', scopes: ['settings'], help: 'edit the highlighted setting (checked as you type; an invalid value shows the rule and is not stored)', footer: 'edit', needs: 'admin', action: 'setSettingValue' },
];

/** The bindings that apply in any of these scopes, in table order; with a role, only those it allows. */
export function bindingsIn(scopes: readonly KeyScope[], role?: Role): Binding[] {
  return BINDINGS.filter((binding) => binding.scopes.some((scope) => scopes.includes(scope)) && (role === undefined || roleAllows(role, binding.needs)));
}
