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
}

/** One line as it may be shown: sanitised, tabs expanded. */
export function displayLine(line: string): string {
  return sanitiseLine(expandTabs(line));
}

export function TextView({ lines, top, width, height, lineNumbers = false, wrap = false, lineRole }: TextViewProps): React.JSX.Element {
  const theme = useTheme();
  const gutter = lineNumbers ? String(lines.length).length + 1 : 0;
  const room = Math.max(1, width - gutter);
  const shown: React.JSX.Element[] = [];
  let used = 0;
  for (let i = top; i < lines.length && used < height; i++) {
    const text = displayLine(lines[i]!);
    const rows = wrap ? Math.max(1, Math.ceil(text.length / room)) : 1;
    const role = lineRole?.(lines[i]!, i);
    shown.push(
      <Box key={i} height={Math.min(rows, height - used)} overflow="hidden">
        {lineNumbers ? <Text {...theme.style('muted')}>{String(i + 1).padStart(gutter - 1)} </Text> : null}
        <Text {...(role ? theme.style(role) : {})} wrap={wrap ? 'wrap' : 'truncate-end'}>
          {wrap ? text : truncate(text, room)}
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
