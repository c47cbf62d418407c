import { Text } from 'ink';
import React from 'react';
import { truncate } from '../format.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** True when the terminal is too small for the console's screens. */
export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/** The one line shown instead of the console in a terminal smaller than 80×24 (cut to fit even 20 columns). */
export function EnlargeMessage({ columns, rows }: { columns: number; rows: number }): React.JSX.Element {
  return <Text wrap="truncate-end">{truncate(`enlarge the terminal to ${MIN_COLUMNS}×${MIN_ROWS} (now ${columns}×${rows}); q quits`, columns)}</Text>;
}
