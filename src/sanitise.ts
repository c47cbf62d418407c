/**
 * The one sanitiser for text that came from a device or the database on its way to a terminal
 * (the CLI, the Ink console, the SSH console). Stored data keeps every character; only what is
 * shown is changed, once, where the text enters rendering.
 *
 * - Escape sequences are removed: CSI (also 8-bit 0x9b), OSC (BEL or ST terminated, or cut off),
 *   DCS/SOS/PM/APC strings and the other two-byte ESC sequences. Ink keeps OSC and colour codes
 *   and terminals act on them (OSC 52 writes the clipboard: kubectl's CVE-2021-25743).
 * - C0 controls other than tab and newline, DEL and the C1 range are removed.
 * - Invisible format characters are made visible as `<U+hhhh>` (hex code point): bidirectional embeddings,
 *   overrides and isolates (U+202A–202E, U+2066–2069: "Trojan Source", CVE-2021-42574), marks
 *   (U+200E/F, U+061C), zero-width characters (U+200B–200D, U+2060, U+FEFF), tag characters
 *   and every other Unicode format character (general category Cf), plus the line and paragraph
 *   separators U+2028/2029. A reader then sees that the text holds them instead of being misled.
 */

const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const INVISIBLE = /[\p{Cf}\u2028\u2029]/gu;
// One test first: almost every line is plain printable text and is returned as it is.
const NEEDS_WORK = /[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\u2028\u2029]/u;
const LINE_BREAKS = /[\r\n\t]+/g;

/** `<U+202E>` for one character. */
function visible(ch: string): string {
  return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text safe to write to a terminal, keeping its tabs and newlines (configurations, diffs).
 * Never throws; the result holds no ESC, no control but \t and \n, and no invisible format character.
 */
export function sanitise(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(ESCAPES, '').replace(CONTROLS, '').replace(INVISIBLE, visible);
}

/** {@link sanitise}, then tabs and line breaks become one space: for one-line fields (hostnames, tags, log lines, errors). */
export function sanitiseLine(text: string): string {
  const safe = sanitise(text);
  return /[\n\t]/.test(safe) ? safe.replace(LINE_BREAKS, ' ') : safe;
}
