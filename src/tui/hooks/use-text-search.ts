import { useMemo } from 'react';

export interface TextSearch {
  /** Indexes of the lines holding the term (as typed, ignoring case), in order. */
  matches: readonly number[];
  /** The first match at or after `line`, wrapping to the first one; undefined without matches. */
  from(line: number): number | undefined;
  /** The next match after `line` (wrapping), or the previous one before it. */
  next(line: number): number | undefined;
  previous(line: number): number | undefined;
}

/**
 * Where a term occurs in a text of any length: one pass over the lines per term (the lines are
 * lower-cased once per text, so typing into the search stays quick on a 5 MB configuration).
 * The term is matched as typed: regex characters are plain characters.
 */
export function useTextSearch(lines: readonly string[], term: string): TextSearch {
  const lower = useMemo(() => lines.map((line) => line.toLowerCase()), [lines]);
  const matches = useMemo(() => {
    if (!term) return [];
    const needle = term.toLowerCase();
    const found: number[] = [];
    for (let i = 0; i < lower.length; i++) if (lower[i]!.includes(needle)) found.push(i);
    return found;
  }, [lower, term]);
  return useMemo(() => {
    const at = (line: number) => matches[firstAtOrAfter(matches, line)] ?? matches[0];
    return {
      matches,
      from: at,
      next: (line) => at(line + 1),
      previous: (line) => matches[firstAtOrAfter(matches, line) - 1] ?? matches[matches.length - 1],
    };
  }, [matches]);
}

/** Index of the first match at or after `line` (binary search: matches are in order). */
function firstAtOrAfter(matches: readonly number[], line: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
