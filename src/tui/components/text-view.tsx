/**
 * A window onto a long text (configuration, job log, help): only the visible lines are
 * rendered, each sanitised, its tabs expanded to 8-column stops and cut at the edge (or
 * wrapped when `wrap`). A 200,000-line text costs what its visible lines cost.
 */
import { Box, Text } from 'ink';
import React from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import { expandTabs, truncate } from '../format.js';
import type { StyleRole } from '../theme.js';

export interface TextViewProps {
  lines: readonly string[];
  /** Index of the first visible line. */
  top: number;
  width: number;
  height: number;
  /** Show line numbers in a gutter. */
  lineNumbers?: boolean;
  /** Wrap long lines instead of cutting them (each source line still starts a row). */
  wrap?: boolean;
  /** A colour role per line (a diff's + and - lines). */
  lineRole?(line: string, index: number): StyleRole | undefined;
  /** Text to show in the `match` role wherever it occurs in a visible line (as typed, ignoring case). */
  highlight?: string;
}

/**
 * Characters of one line that are ever drawn: a longer line (a 5 MB configuration on one line)
 * is cut here, before tabs are expanded and widths measured, so it costs what a screen shows.
 */
export const MAX_LINE_CHARS = 10_000;

/** One line as it may be shown: cut to MAX_LINE_CHARS, sanitised, tabs expanded. */
export function displayLine(line: string): string {
  return sanitiseLine(expandTabs(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line));
}

/** The text cut into pieces, the matches of `term` (ignoring case) marked. */
export function matchPieces(text: string, term: string): Array<{ text: string; match: boolean }> {
  if (!term) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  const pieces: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  // Lower-casing keeps the length of almost every text; when it does not, offsets would drift: no marks.
  if (lower.length !== text.length) return [{ text, match: false }];
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}

export function TextView({ lines, top, width, height, lineNumbers = false, wrap = false, lineRole, highlight }: TextViewProps): React.JSX.Element {
  const theme = useTheme();
  const gutter = lineNumbers ? String(lines.length).length + 1 : 0;
  const room = Math.max(1, width - gutter);
  const shown: React.JSX.Element[] = [];
  let used = 0;
  for (let i = top; i < lines.length && used < height; i++) {
    const full = displayLine(lines[i]!);
    const rows = wrap ? Math.max(1, Math.ceil(full.length / room)) : 1;
    const text = wrap ? full : truncate(full, room);
    const role = lineRole?.(lines[i]!, i);
    shown.push(
      <Box key={i} height={Math.min(rows, height - used)} overflow="hidden">
        {lineNumbers ? <Text {...theme.style('muted')}>{String(i + 1).padStart(gutter - 1)} </Text> : null}
        <Text {...(role ? theme.style(role) : {})} wrap={wrap ? 'wrap' : 'truncate-end'}>
          {highlight
            ? matchPieces(text, highlight).map((piece, p) => (
                <Text key={p} {...(piece.match ? theme.style('match') : {})}>
                  {piece.text}
                </Text>
              ))
            : text}
        </Text>
      </Box>,
    );
    used += rows;
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown}
    </Box>
  );
}
