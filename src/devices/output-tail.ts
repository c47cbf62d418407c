/** Collects one command's output and exposes only its last line for prompt and pager checks. */
import { emulateLine, stripControlSequences } from './control-sequences.js';

// Prompts and pager prompts are short; a bounded window keeps each chunk O(chunk), never O(buffer).
const TAIL_WINDOW = 4096;

export class OutputTail {
  private chunks: string[] = [];
  private tail = '';
  private newlinesSeen = 0;
  /** Characters collected since the last reset. */
  length = 0;

  /** Appends one decoded chunk. */
  push(chunk: string): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
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
  }

  /** The last line as a terminal would show it: no control sequences, no trailing blanks. */
  lastLine(): string {
    const start = this.tail.lastIndexOf('\n');
    const raw = start === -1 ? this.tail : this.tail.slice(start + 1);
    return emulateLine(stripControlSequences(raw)).trimEnd();
  }

  /** A counter that changes whenever a new line starts (used to answer each pager prompt once). */
  lineNumber(): number {
    return this.newlinesSeen;
  }

  /** Joins everything collected so far (once per command) and starts a fresh collection. */
  take(): string {
    const text = this.chunks.length === 1 ? (this.chunks[0] ?? '') : this.chunks.join('');
    this.chunks = [];
    this.tail = '';
    this.length = 0;
    return text;
  }
}
