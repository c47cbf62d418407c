/** Turns the raw bytes of one command's output into plain text: terminal, pager, echo and prompt removed. */
import { emulateLine, hasControlSequences, stripControlSequences } from './control-sequences.js';
import { releaseLargeCopies } from './large-text-memory.js';
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

/**
 * Received chunks are gathered into groups of about this many characters (128 Ki) before their complete lines are
 * cleaned. Larger groups raise the peak of a large retrieval, mostly outside V8's heap: a 10 MB retrieval (`npm run
 * bench -- big-config 10`) peaked at 154 MiB with 1 Mi groups and line blocks (line-blocks.ts), 132–136 MiB with
 * these groups alone at 128 Ki, 121–128 MiB with both.
 */
const GROUP_CHARS = 1 << 17;

/**
 * cleanCommandOutput(chunks.join('').slice(start), rules), without ever joining the raw output: the chunks are
 * cleaned line by line in ~128 KB groups as a stream, and each array slot is emptied once consumed (the caller hands
 * the array over), so a 100 MB configuration is not held raw and cleaned at once. Output holding any escape or
 * control character goes through the whole-text path (a control string may span lines and chunks).
 */
export function cleanCommandChunks(chunks: string[], start: number, rules: CleaningRules): string {
  if (chunks.some(hasControlSequences)) return cleanCommandOutput(chunks.join('').slice(start), rules);
  const cleaned: string[] = [];
  let group: string[] = [];
  let groupChars = 0;
  let flushAt = GROUP_CHARS;
  // Cleans the group's complete lines (all of them at the end); the unfinished last line is carried over.
  const flush = (final: boolean): void => {
    const text = group.length === 1 ? group[0]! : group.join('');
    const end = final ? text.length : text.lastIndexOf('\n');
    group = [];
    groupChars = 0;
    if (end === -1) {
      // One line longer than a group: wait for twice as much before joining again (linear, not quadratic).
      group.push(text);
      groupChars = text.length;
      flushAt = 2 * text.length;
      return;
    }
    const lines = (end === text.length ? text : text.slice(0, end)).split('\n');
    cleaned.push(lines.map((line) => cleanLine(line, rules.pagerRemover)).join('\n'));
    if (!final) {
      const rest = text.slice(end + 1);
      group.push(rest);
      groupChars = rest.length;
      flushAt = GROUP_CHARS + rest.length;
    }
  };
  let skip = start;
  for (let i = 0; i < chunks.length; i += 1) {
    let chunk = chunks[i]!;
    chunks[i] = '';
    if (skip > 0) {
      if (chunk.length <= skip) {
        skip -= chunk.length;
        continue;
      }
      chunk = chunk.slice(skip);
      skip = 0;
    }
    group.push(chunk);
    groupChars += chunk.length;
    if (groupChars >= flushAt) flush(false);
  }
  flush(true);
  // The raw chunks, before the cleaned text is joined next to its blocks.
  releaseLargeCopies(cleaned.reduce((sum, block) => sum + block.length, 0));
  const text = cleaned.length === 1 ? cleaned[0]! : cleaned.join('\n');
  return stripTrailingPrompt(stripEcho(text, rules.command), rules.prompt);
}
