/** Removal of terminal control sequences and emulation of carriage returns and backspaces. */

// OSC: ESC ] ... terminated by BEL or ST (ESC \); an unterminated OSC runs to the end of the text.
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\|$)/g;
// CSI: ESC [ parameters intermediates final byte; the 8-bit CSI (0x9b) is handled the same way.
const CSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]/g;
// An unterminated CSI at the very end (the device was cut off mid-sequence).
const CSI_UNTERMINATED = /(?:\x1b\[|\x9b)[0-?]*[ -/]*$/;
// DCS, SOS, PM, APC strings: ESC P/X/^/_ ... ST.
const STRING_SEQUENCES = /\x1b[PX^_][^\x1b]*(?:\x1b\\|$)/g;
// Charset designation (ESC ( B …), then any other two-byte escape, then a lone ESC.
const OTHER_ESCAPES = /\x1b[()*+\-./][\x20-\x7e]?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// C0 controls other than TAB, LF, CR and BS, plus DEL and the C1 range.
const OTHER_CONTROLS = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;
const HAS_ESCAPE_OR_CONTROL = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
// Line erasure matters (pagers erase their prompt with it), so it becomes a private marker emulateLine applies.
const ERASE_LINE = '\ue000';
const ERASE_TO_END = '\ue001';
const ERASE_LINE_CSI = /\x1b\[2K/g;
const ERASE_TO_END_CSI = /\x1b\[0?K/g;
const LINE_MARKERS = /[\ue000\ue001]/g;
// Cursor left by n columns (ECMA-48 CUB, "ESC [ n D"; n defaults to 1): Comware and VRP erase their pager prompt
// with it ("ESC[42D", 42 blanks, "ESC[42D"), so it becomes n backspaces that emulateLine applies.
const CURSOR_LEFT_CSI = /\x1b\[(\d{0,4})D/g;
const MAX_CURSOR_LEFT = 1024;

/** True when text holds an escape or a control character that stripControlSequences would remove or rewrite. */
export function hasControlSequences(text: string): boolean {
  return HAS_ESCAPE_OR_CONTROL.test(text);
}

/** Removes ANSI CSI, OSC, other ESC sequences, NUL and stray controls (keeps \t, \n, \r, \b, cursor-left as \b and line-erase markers for emulateLine). */
export function stripControlSequences(text: string): string {
  // Fast path: most configuration text has no control characters at all.
  if (!HAS_ESCAPE_OR_CONTROL.test(text)) return text;
  return text
    .replace(ERASE_LINE_CSI, ERASE_LINE)
    .replace(ERASE_TO_END_CSI, ERASE_TO_END)
    .replace(CURSOR_LEFT_CSI, (_all, n: string) => '\b'.repeat(Math.min(Math.max(Number(n), 1), MAX_CURSOR_LEFT)))
    .replace(OSC, '')
    .replace(STRING_SEQUENCES, '')
    .replace(CSI, '')
    .replace(CSI_UNTERMINATED, '')
    .replace(OTHER_ESCAPES, '')
    .replace(OTHER_CONTROLS, '');
}

const NEEDS_EMULATION = /[\r\b\ue000\ue001]/;

/** Applies what a terminal would do with \r (column 0), \b (one column left) and line erasure on one line. */
export function emulateLine(line: string): string {
  if (!NEEDS_EMULATION.test(line)) return line;
  const cells: string[] = [];
  let column = 0;
  for (const ch of line) {
    if (ch === '\r') column = 0;
    else if (ch === '\b') column = column > 0 ? column - 1 : 0;
    else if (ch === ERASE_LINE) cells.length = 0;
    else if (ch === ERASE_TO_END) cells.length = Math.min(cells.length, column);
    else {
      cells[column] = ch;
      column += 1;
    }
  }
  // Holes can only come from cursor moves past the end; they read as spaces on a terminal.
  return Array.from(cells, (c) => c ?? ' ').join('');
}

/** Normalises line endings and applies \r / \b emulation to every line. */
export function normaliseLines(text: string): string {
  const unified = text.replace(/\r+\n/g, '\n');
  if (!NEEDS_EMULATION.test(unified)) return unified;
  return unified.split('\n').map(emulateLine).join('\n');
}

/** Full terminal clean-up: control sequences out, line endings normalised, trailing spaces removed. */
export function toPlainText(text: string): string {
  const plain = normaliseLines(stripControlSequences(text));
  return (plain.includes(ERASE_LINE) || plain.includes(ERASE_TO_END) ? plain.replace(LINE_MARKERS, '') : plain).replace(/[ \t]+$/gm, '');
}
