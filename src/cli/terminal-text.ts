/** Device text on its way to a terminal: escape sequences and control characters out, colour only when wanted. */
import type { Output } from './output.js';

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other ESC sequences, the 8-bit CSI, and every control
// character but tab and newline: stored text is cleaned already, this is the last line of defence.
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Removes everything a terminal would interpret; keeps tabs and newlines. */
export function forTerminal(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** Colour on stdout: only on a terminal and never when NO_COLOR is set (https://no-color.org). */
export function useColour(output: Output): boolean {
  return output.isTTY && !process.env.NO_COLOR;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;

/** Wraps text in an SGR colour when `on`. */
export function paint(on: boolean, colour: keyof typeof CODES, text: string): string {
  return on ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

/** Colours a unified diff line by line: file headers bold, additions green, removals red, hunk headers cyan. */
export function colourDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++ ') || line.startsWith('--- ')) return paint(true, 'bold', line);
      if (line.startsWith('+')) return paint(true, 'green', line);
      if (line.startsWith('-')) return paint(true, 'red', line);
      if (line.startsWith('@@')) return paint(true, 'cyan', line);
      return line;
    })
    .join('\n');
}
