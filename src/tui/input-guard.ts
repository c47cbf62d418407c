/**
 * What reaches Ink from the keyboard, made safe for Ink 6: escape sequences it cannot parse
 * are dropped before it sees them. Ink 6.8's parser turns a CSI sequence with a Ctrl modifier
 * and a final byte it does not know (`ESC[31m` in pasted text, `ESC[1;5P` Ctrl-F1 in some
 * terminals) into `input = undefined`, and its useInput then throws, ending the console
 * (ink#901, fixed only in Ink 7, which needs Node 22). Other sequences it does not know (focus
 * and mouse reports, OSC strings such as an OSC 52 clipboard write) would arrive as typed text
 * (ink#1013). Kept: every key the console uses — arrows, Home/End, PgUp/PgDn, Delete, Insert,
 * shift-Tab, F1–F4 (SS3), Esc, and plain and Ctrl characters.
 */

// CSI: ESC [ parameters intermediates final. Kept: arrows/Home/End with an optional
// modifier (ESC[A, ESC[1;5A), shift-Tab (ESC[Z), and ESC[n~ for n = 1…8 (Home, Insert,
// Delete, End, PgUp, PgDn) with an optional modifier.
const CSI = /\x1b\[([0-?]*)([ -/]*)([@-~])/g;
const KEPT_CSI = /^(?:(?:1;\d+)?[ABCDHF]|Z|[1-8](?:;\d+)?~)$/;
// OSC, DCS, SOS, PM, APC strings, ended by BEL or ST (ESC \), or cut off at the chunk's end.
const STRING_SEQUENCE = /\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\|$)/g;

/** The chunk without the escape sequences Ink 6 cannot take (see the file's comment). */
export function dropUnsafeSequences(chunk: string): string {
  return chunk.replace(STRING_SEQUENCE, '').replace(CSI, (sequence, params: string, middle: string, final: string) => (KEPT_CSI.test(`${params}${middle}${final}`) ? sequence : ''));
}

/**
 * The terminal's input stream as Ink reads it (`read()` after 'readable'), with unsafe
 * sequences dropped from each chunk; everything else (raw mode, ref/unref, events) is the
 * stream's own.
 */
export function guardTerminalInput(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
  const read = (size?: number): unknown => {
    const chunk: unknown = stdin.read(size);
    if (typeof chunk === 'string') return dropUnsafeSequences(chunk);
    if (Buffer.isBuffer(chunk)) return Buffer.from(dropUnsafeSequences(chunk.toString('utf8')), 'utf8');
    return chunk;
  };
  return new Proxy(stdin, {
    get(target, property) {
      if (property === 'read') return read;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
