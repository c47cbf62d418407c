/** Line-by-line rewriting of large texts without turning millions of lines into strings at once. */

/** Lines are split and their results joined ~128 KB of input at a time (the reason: GROUP_CHARS in cleaning.ts). */
const BLOCK_CHARS = 1 << 17;

/**
 * Returns the lines of `text` (split at \n) passed through `fn` and joined with \n, as `text.split('\n').map(fn)`
 * would (an undefined result drops the line), but one ~128 KB block at a time: a 100 MB configuration holds one
 * block's line strings at a time instead of two million, and the result is one string built once from the
 * blocks' joined pieces. `fn` sees every line in order, so it may keep state across lines (and blocks).
 */
export function mapLines(text: string, fn: (line: string) => string | undefined): string {
  const pieces = mapLineBlocks(text, fn);
  return pieces.length === 1 ? pieces[0]! : pieces.join('\n');
}

/**
 * mapLines without the final join: the result's blocks, each some whole lines joined with \n, give mapLines'
 * result when joined with \n ([] and [''] both stand for ''). A caller that joins them into a larger text
 * anyway (the stored configuration) saves one whole copy.
 */
export function mapLineBlocks(text: string, fn: (line: string) => string | undefined): string[] {
  const pieces: string[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = start + BLOCK_CHARS >= text.length ? text.length : text.indexOf('\n', start + BLOCK_CHARS);
    if (end === -1) end = text.length;
    const lines = (start === 0 && end === text.length ? text : text.slice(start, end)).split('\n');
    const kept: string[] = [];
    for (const line of lines) {
      const result = fn(line);
      if (result !== undefined) kept.push(result);
    }
    if (kept.length > 0) pieces.push(kept.join('\n'));
    start = end + 1;
  }
  return pieces;
}
