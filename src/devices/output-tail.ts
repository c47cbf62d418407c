/** Collects one command's output and exposes only its last line for prompt and pager checks. */
import { emulateLine, stripControlSequences } from './control-sequences.js';
import { boundHeapGrowthFor } from './large-text-memory.js';

// Prompts and pager prompts are short; a bounded window keeps each chunk O(chunk), never O(buffer).
const TAIL_WINDOW = 4096;

/** A line as a terminal shows it: no control sequences, \r and \b applied, no trailing blanks. */
function shownLine(raw: string): string {
  return emulateLine(stripControlSequences(raw)).trimEnd();
}

export class OutputTail {
  private chunks: string[] = [];
  private tail = '';
  private newlinesSeen = 0;
  /** The command whose echo is awaited (null: none awaited, or already seen). */
  private echo: string | null = null;
  /** Start of the current, not yet complete line while an echo is awaited (bounded like the tail). */
  private echoPartial = '';
  /** Characters collected since the last reset. */
  length = 0;
  /** Offset just past the line that echoed the awaited command; -1 while it has not arrived. */
  echoEnd = -1;

  /** Appends one decoded chunk. */
  push(chunk: string): void {
    if (chunk.length === 0) return;
    const offset = this.length;
    this.chunks.push(chunk);
    this.length += chunk.length;
    boundHeapGrowthFor(this.length);
    if (chunk.length >= TAIL_WINDOW) this.tail = chunk.slice(chunk.length - TAIL_WINDOW);
    else {
      const joined = this.tail + chunk;
      this.tail = joined.length > TAIL_WINDOW ? joined.slice(joined.length - TAIL_WINDOW) : joined;
    }
    // Count newlines only in the new chunk so the pager guard stays O(chunk).
    let index = chunk.indexOf('\n');
    while (index !== -1) {
      this.newlinesSeen += 1;
      index = chunk.indexOf('\n', index + 1);
    }
    if (this.echo !== null) this.scanForEcho(chunk, offset);
  }

  /**
   * Awaits the echo of command: echoEnd stays -1 until a complete line ending with it arrives. Text
   * already collected is scanned too (a stray prompt may precede the echo).
   */
  expectEcho(command: string): void {
    this.echo = command.trim();
    this.echoEnd = -1;
    this.echoPartial = '';
    if (this.echo.length === 0) {
      this.echo = null;
      this.echoEnd = 0;
      return;
    }
    if (this.length > 0) this.scanForEcho(this.chunks.join(''), 0);
  }

  // Only complete lines count; the echo is normally the first one, so this stops after one line.
  private scanForEcho(text: string, offset: number): void {
    const echo = this.echo;
    if (echo === null) return;
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const line = this.echoPartial + text.slice(start, newline);
      this.echoPartial = '';
      if (shownLine(line).endsWith(echo)) {
        this.echo = null;
        this.echoEnd = offset + newline + 1;
        return;
      }
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    const rest = this.echoPartial + text.slice(start);
    this.echoPartial = rest.length > TAIL_WINDOW ? rest.slice(rest.length - TAIL_WINDOW) : rest;
  }

  /** The last line as a terminal would show it: no control sequences, no trailing blanks. */
  lastLine(): string {
    return shownLine(this.rawLastLine());
  }

  /** The last line exactly as received (escape sequences kept), within the tail window. */
  rawLastLine(): string {
    const start = this.tail.lastIndexOf('\n');
    return start === -1 ? this.tail : this.tail.slice(start + 1);
  }

  /** A counter that changes whenever a new line starts (used to answer each pager prompt once). */
  lineNumber(): number {
    return this.newlinesSeen;
  }

  /** Drops the last count characters (at most the raw last line): an answered pager prompt leaves no trace. */
  dropEnd(count: number): void {
    let left = Math.min(count, this.rawLastLine().length);
    if (left <= 0) return;
    this.length -= left;
    this.tail = this.tail.slice(0, this.tail.length - left);
    this.echoPartial = this.echoPartial.slice(0, Math.max(0, this.echoPartial.length - left));
    while (left > 0 && this.chunks.length > 0) {
      const last = this.chunks[this.chunks.length - 1] ?? '';
      if (last.length <= left) {
        this.chunks.pop();
        left -= last.length;
      } else {
        this.chunks[this.chunks.length - 1] = last.slice(0, last.length - left);
        left = 0;
      }
    }
  }

  /** Joins everything collected so far (once per command) and starts a fresh collection. */
  take(): string {
    const chunks = this.takeChunks();
    return chunks.length === 1 ? (chunks[0] ?? '') : chunks.join('');
  }

  /** Everything collected so far as the received chunks, never joined (the caller owns the array), and starts a fresh collection. */
  takeChunks(): string[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.tail = '';
    this.length = 0;
    this.echo = null;
    this.echoPartial = '';
    this.echoEnd = -1;
    return chunks;
  }
}
