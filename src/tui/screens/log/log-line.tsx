/** One job log line as the log screen writes it, and the view that draws the lines shown. */
import { Box, Text } from 'ink';
import React from 'react';
import type { LogLine } from '../../../console/console-types.js';
import { sanitiseLine } from '../../../sanitise.js';
import { useTheme } from '../../context/theme.js';
import { expandTabs, hardWrap, truncate } from '../../format.js';
import type { StyleRole } from '../../theme.js';

const LEVEL_ROLE: Partial<Record<LogLine['level'], StyleRole>> = { error: 'failed', warn: 'warn', debug: 'muted' };

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `14:05:09 warn  core-sw1 message`: local time, level, hostname (`-` for the sweep's own
 * lines), message; a device line that starts with its hostname has it once. Sanitised.
 */
export function formatLogLine(line: LogLine): string {
  const at = new Date(line.createdAt);
  const host = line.hostname ?? '-';
  const message = line.hostname && line.message.startsWith(`${line.hostname}: `) ? line.message.slice(line.hostname.length + 2) : line.message;
  return sanitiseLine(expandTabs(`${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())} ${line.level.padEnd(5)} ${host} ${message}`));
}

/** Rows a line takes: 1, or as many as its wrapped text needs. */
export function rowsOfLine(line: LogLine, width: number, wrap: boolean): number {
  return wrap ? hardWrap(formatLogLine(line), width).length : 1;
}

export interface LogViewProps {
  lines: readonly LogLine[];
  /** Index of the first line shown. */
  first: number;
  width: number;
  height: number;
  wrap: boolean;
}

/** Draws only the lines that fit from `first` on (Ink has no virtualisation: ink#765), each coloured by its level. */
export function LogView({ lines, first, width, height, wrap }: LogViewProps): React.JSX.Element {
  const theme = useTheme();
  const rows: React.JSX.Element[] = [];
  for (let i = first; i < lines.length && rows.length < height; i++) {
    const line = lines[i]!;
    const role = LEVEL_ROLE[line.level];
    const text = formatLogLine(line);
    const parts = wrap ? hardWrap(text, width) : [truncate(text, width)];
    for (const [n, part] of parts.entries()) {
      if (rows.length >= height) break;
      rows.push(
        <Text key={`${line.id}:${n}`} {...(role ? theme.style(role) : {})} wrap="truncate-end">
          {part}
        </Text>,
      );
    }
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows}
    </Box>
  );
}
