/** Turns the raw bytes of one command's output into plain text: terminal, pager, echo and prompt removed. */
import { emulateLine, stripControlSequences } from './control-sequences.js';
import { mapLines } from './line-blocks.js';

export interface CleaningRules {
  /** The command that was sent (its echo is removed from the first line). */
  command: string;
  /** The exact prompt learned at login (removed from the end). */
  prompt: string;
  pagerRemover: RegExp;
}

/** Removes the echoed command line when the first line ends with the command. */
export function stripEcho(text: string, command: string): string {
  const newline = text.indexOf('\n');
  const first = (newline === -1 ? text : text.slice(0, newline)).trimEnd();
  // Devices echo either the bare command or the prompt followed by it.
  if (command.length > 0 && first.endsWith(command.trimEnd())) return newline === -1 ? '' : text.slice(newline + 1);
  return text;
}

/** Removes the trailing prompt (and anything after it on that line). */
export function stripTrailingPrompt(text: string, prompt: string): string {
  const trimmed = text.trimEnd();
  if (prompt.length === 0 || !trimmed.endsWith(prompt)) return trimmed;
  return trimmed.slice(0, trimmed.length - prompt.length).trimEnd();
}

// A line needs the terminal emulation when it holds a carriage return, a backspace or a line-erase marker.
const NEEDS_EMULATION = /[\r\b\ue000\ue001]/;
// Every removable pager prompt starts (after blanks) with one of these: "-- More", "<--- More", "Press any key".
const PAGER_START = /^[ \t]*[-<p]/i;

/** Index just past the last character of line that is not a space or a tab. */
function endWithoutBlanks(line: string): number {
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== 32 && code !== 9) break;
    end -= 1;
  }
  return end;
}

/** One line as a terminal shows it: CR before LF dropped, \r/\b/erasure applied, trailing blanks and a pager prompt at its start removed. */
function cleanLine(raw: string, pagerRemover: RegExp): string {
  let line = raw;
  // "\r\r\n" line ends: the CRs before the LF are line-end noise, not a return to column 0.
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) end -= 1;
  if (end < line.length) line = line.slice(0, end);
  if (NEEDS_EMULATION.test(line)) line = emulateLine(line);
  end = endWithoutBlanks(line);
  if (end < line.length) line = line.slice(0, end);
  if (PAGER_START.test(line)) {
    pagerRemover.lastIndex = 0;
    line = line.replace(pagerRemover, '');
  }
  return line;
}

/**
 * Terminal-level pipeline for one command's raw output, one pass over its lines: control sequences,
 * line ends, \r/\b emulation, trailing blanks, pager artefacts; then the echo and the trailing prompt.
 * What the text means (volatile lines, blocks, secrets) is the driver's content rules' business
 * (content-rules.ts), applied afterwards in one pass.
 */
export function cleanCommandOutput(raw: string, rules: CleaningRules): string {
  const text = stripEcho(
    mapLines(stripControlSequences(raw), (line) => cleanLine(line, rules.pagerRemover)),
    rules.command,
  );
  return stripTrailingPrompt(text, rules.prompt);
}
