/** The matching lines of a search, grouped by configuration: only the rows that fit are drawn. */
import { Box, Text } from 'ink';
import React, { useRef } from 'react';
import type { SearchResult } from '../../../console/search-actions.js';
import { HighlightedLine } from '../../components/highlighted-line.js';
import { SafeText } from '../../components/safe-text.js';
import { useTheme } from '../../context/theme.js';
import { fit } from '../../format.js';

/** One matching line; `first` on the first line of its configuration. */
export interface ResultRow {
  key: string;
  configurationId: string;
  hostname: string;
  retrievedAt: Date;
  number: number;
  text: string;
  first: boolean;
}

/** The rows of a result, in the service's order (hostname, newest version first). */
export function resultRows(result: SearchResult | undefined): ResultRow[] {
  return (result?.matches ?? []).flatMap((match) =>
    match.lines.map((line, i) => ({ key: `${match.configurationId}:${line.number}`, configurationId: match.configurationId, hostname: match.hostname, retrievedAt: match.retrievedAt, number: line.number, text: line.text, first: i === 0 })),
  );
}

const HOST = 22;
const NUMBER = 6;

function day(at: Date): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function SearchResults({ rows, selected, focused, find, history, width, height }: { rows: readonly ResultRow[]; selected: number; focused: boolean; find: string; history: boolean; width: number; height: number }): React.JSX.Element {
  const theme = useTheme();
  const top = useRef(0);
  if (selected < top.current) top.current = selected;
  if (selected >= top.current + height) top.current = selected - height + 1;
  top.current = Math.max(0, Math.min(top.current, Math.max(0, rows.length - height)));
  const textWidth = Math.max(10, width - HOST - NUMBER - 2);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.slice(top.current, top.current + height).map((row, i) => {
        const isSelected = focused && top.current + i === selected;
        const host = row.first ? (history ? `${row.hostname} ${day(row.retrievedAt)}` : row.hostname) : '';
        return (
          <Box key={row.key} width={width}>
            <SafeText text={fit(host, HOST)} role={row.first ? 'title' : undefined} />
            <Text {...theme.style('muted')}>{` ${String(row.number).padStart(NUMBER - 1)} `}</Text>
            <HighlightedLine line={row.text} find={find} width={textWidth} style={isSelected ? theme.style('selected') : undefined} />
          </Box>
        );
      })}
    </Box>
  );
}
