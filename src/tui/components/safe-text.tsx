import { Text } from 'ink';
import React from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import type { StyleRole, TextStyle } from '../theme.js';

/**
 * One line of text that may come from a device or the database: sanitised (again: it is
 * idempotent and cheap) and cut at the edge of its box instead of wrapping.
 */
export function SafeText({ text, role, style }: { text: string; role?: StyleRole; style?: TextStyle }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text {...(role ? theme.style(role) : {})} {...style} wrap="truncate-end">
      {sanitiseLine(text)}
    </Text>
  );
}
