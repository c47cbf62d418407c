import { forTerminal } from './terminal-text.js';

/** Text safe to print on a terminal as one line: escape sequences and control characters removed, line breaks and tabs become spaces. */
export function terminalSafe(text: string): string {
  return forTerminal(text).replace(/[\r\n\t]+/g, ' ');
}
