import type { Key } from 'ink';

/**
 * A key as the bindings table writes it: a printable character (`q`, `G`, `?`), or one of
 * the named keys below; Ctrl with a letter is `ctrl+<letter>`.
 */
export type KeyName =
  | 'up' | 'down' | 'left' | 'right' | 'pageup' | 'pagedown' | 'home' | 'end'
  | 'return' | 'escape' | 'tab' | 'shift+tab' | 'backspace' | 'delete' | 'space'
  | `ctrl+${string}`
  | (string & {});

const NAMED: Array<[keyof Key, KeyName]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

/** The name of what Ink's useInput reported; undefined for pasted text (several characters). */
export function keyNameOf(input: string, key: Key): KeyName | undefined {
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  for (const [flag, name] of NAMED) if (key[flag]) return name;
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return [...input].length === 1 ? input : undefined;
}

/** True for a key a text input would type (a character without Ctrl), as opposed to a command key. */
export function isTyping(name: KeyName): boolean {
  return name === 'space' || name === 'backspace' || name === 'delete' || name === 'left' || name === 'right' || name === 'home' || name === 'end' || (name.length === 1 && !name.startsWith('ctrl+'));
}
