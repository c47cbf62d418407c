/**
 * A table that renders only the rows it has room for (Ink has no virtualisation: ink#765).
 * Rows come from a list hook (useListCursor for rows in memory, useKeysetRows for rows paged
 * from the database); every cell is sanitised and cut to its column here, so a screen cannot
 * forget it. The selection is shown in reverse video when the table has the focus.
 */
import { Box, Text } from 'ink';
import React, { useRef } from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import { fit } from '../format.js';
import type { StyleRole } from '../theme.js';

export interface Column<T> {
  header: string;
  /** Columns; 'grow' columns share what the fixed ones leave. */
  width: number | 'grow';
  align?: 'left' | 'right';
  value(row: T): string;
  /** A colour role for this cell (e.g. failed in red). */
  role?(row: T): StyleRole | undefined;
}

export interface TableProps<T> {
  columns: ReadonlyArray<Column<T>>;
  /** The rows the list hook holds (a window of the whole list for paged lists). */
  rows: readonly T[];
  rowKey(row: T): string;
  /** Index into rows of the selected row (-1: none). */
  selected: number;
  focused: boolean;
  width: number;
  /** Rows of text for the header and the rows together. */
  height: number;
  /** Shown when there are no rows. */
  empty?: string;
}

/** Widths of the columns for a table `width` wide, one space between columns. */
export function columnWidths<T>(columns: ReadonlyArray<Column<T>>, width: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'grow' ? 0 : c.width), 0) + Math.max(0, columns.length - 1);
  const grow = columns.filter((c) => c.width === 'grow').length;
  const share = grow > 0 ? Math.max(1, Math.floor((width - fixed) / grow)) : 0;
  return columns.map((c) => (c.width === 'grow' ? share : c.width));
}

export function Table<T>({ columns, rows, rowKey, selected, focused, width, height, empty = 'nothing to show' }: TableProps<T>): React.JSX.Element {
  const theme = useTheme();
  const visible = Math.max(1, height - 1);
  const top = useRef(0);
  // Keep the selection inside the window, moving the window as little as possible.
  if (selected >= 0 && selected < top.current) top.current = selected;
  if (selected >= top.current + visible) top.current = selected - visible + 1;
  top.current = Math.max(0, Math.min(top.current, Math.max(0, rows.length - visible)));
  const widths = columnWidths(columns, width);
  const line = (cells: string[]) => cells.map((cell, i) => fit(cell, widths[i]!, columns[i]!.align)).join(' ');
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...theme.style('label')} wrap="truncate-end">
        {line(columns.map((c) => c.header))}
      </Text>
      {rows.length === 0 ? <Text {...theme.style('muted')}>{empty}</Text> : null}
      {rows.slice(top.current, top.current + visible).map((row, i) => {
        const index = top.current + i;
        const isSelected = focused && index === selected;
        return (
          <Text key={rowKey(row)} {...(isSelected ? theme.style('selected') : {})} wrap="truncate-end">
            {columns.map((column, c) => {
              const role = isSelected ? undefined : column.role?.(row);
              return (
                <Text key={column.header} {...(role ? theme.style(role) : {})}>
                  {(c > 0 ? ' ' : '') + fit(sanitiseLine(column.value(row)), widths[c]!, column.align)}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
