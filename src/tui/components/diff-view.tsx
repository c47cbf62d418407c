import React from 'react';
import type { StyleRole } from '../theme.js';
import { TextView } from './text-view.js';

/** The colour role of a unified diff line: file headers, additions, removals, hunk headers. */
export function diffLineRole(line: string): StyleRole | undefined {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'diffHeader';
  if (line.startsWith('+')) return 'diffAdd';
  if (line.startsWith('-')) return 'diffRemove';
  if (line.startsWith('@@')) return 'diffHunk';
  return undefined;
}

/** Indexes of the hunk headers (`@@ … @@`) of a unified diff, for ] / [ navigation. */
export function hunkStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('@@')) starts.push(i);
  });
  return starts;
}

/** A unified diff (one line per entry), coloured by the theme, windowed like any text. */
export function DiffView({ lines, top, width, height }: { lines: readonly string[]; top: number; width: number; height: number }): React.JSX.Element {
  return <TextView lines={lines} top={top} width={width} height={height} lineRole={diffLineRole} />;
}
