import { Text } from 'ink';
import React from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import type { LineEditor } from '../hooks/use-line-editor.js';

/**
 * One line of input with a cursor in reverse video; `suggestion` is shown dim after the cursor.
 * Secrets use MaskedInput instead (it shows no length).
 */
export function LineInput({ editor, suggestion = '' }: { editor: LineEditor; suggestion?: string }): React.JSX.Element {
  const theme = useTheme();
  const chars = [...sanitiseLine(editor.value)];
  const before = chars.slice(0, editor.cursor).join('');
  const at = chars[editor.cursor] ?? (suggestion ? suggestion[0]! : ' ');
  const after = chars.slice(editor.cursor + 1).join('');
  return (
    <Text wrap="truncate-end">
      {before}
      <Text {...theme.style('selected')}>{at}</Text>
      {after}
      {suggestion.length > 1 && editor.cursor === chars.length ? <Text {...theme.style('muted')}>{suggestion.slice(1)}</Text> : null}
    </Text>
  );
}
