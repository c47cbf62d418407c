/** Colour for the CLI's terminal output (device text is made safe by src/sanitise.ts first). */
import type { Output } from './output.js';

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
