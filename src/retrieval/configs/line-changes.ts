/** How many lines a new configuration version adds and removes against the one before it (the history's +N −M). */
import { diffLines } from 'diff';

/** Lines added and removed; `approximate` when the line diff took too long and lines were only counted. */
export interface LineChanges {
  added: number;
  removed: number;
  approximate: boolean;
}

/** How long the line diff may take (ms) before lines are counted instead. */
const DIFF_TIMEOUT_MS = 1_000;

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/**
 * Lines only one side has, counted as a multiset: what a diff reports, except that a moved line
 * counts as unchanged. O(lines): the fallback for two texts too different to diff in time.
 */
export function countLineChanges(before: string, after: string): LineChanges {
  const counts = new Map<string, number>();
  for (const line of lines(before)) counts.set(line, (counts.get(line) ?? 0) + 1);
  let added = 0;
  for (const line of lines(after)) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added += 1;
  }
  let removed = 0;
  for (const left of counts.values()) removed += left;
  return { added, removed, approximate: true };
}

/**
 * The +N −M of the unified diff between two versions (the same line diff, jsdiff's, that the
 * diff view shows). Computed in jsdiff's asynchronous mode, so a console retrieving in its own
 * process keeps answering keys meanwhile; after `timeoutMs` the lines are counted instead
 * (approximate: moved lines do not count).
 */
export function lineChanges(before: string, after: string, timeoutMs = DIFF_TIMEOUT_MS): Promise<LineChanges> {
  return new Promise((resolve) => {
    diffLines(before, after, {
      timeout: timeoutMs,
      callback: (changes) => {
        if (changes === undefined) return resolve(countLineChanges(before, after));
        let added = 0;
        let removed = 0;
        for (const change of changes) {
          if (change.added) added += change.count;
          else if (change.removed) removed += change.count;
        }
        resolve({ added, removed, approximate: false });
      },
    });
  });
}
