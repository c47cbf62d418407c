// ANSI/VT escape sequences (CSI, OSC, and two-character ESC forms) a device or a job log may
// contain: printed raw they could move the cursor, retitle the window or hide text.
const ESCAPE_SEQUENCES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Text safe to print on a terminal as one line: escape sequences and control characters removed, line breaks and tabs become spaces. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '');
}
