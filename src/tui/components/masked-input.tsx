/**
 * A secret typed by the operator (a password, an enable secret, a key's passphrase): the
 * frame shows neither the secret nor its length — a fixed mark once something is typed, so the
 * operator sees that keys arrive. The value is handed to `onSubmit` on Enter and lives only in
 * this component's line editor (a ref, not React state), which is emptied on submit and on
 * cancel; unmount the input afterwards and nothing of it is left.
 */
import { Box, Text } from 'ink';
import React from 'react';
import { useTheme } from '../context/theme.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useCommands } from '../keys/keymap.js';

/** What the frame shows for any non-empty secret, whatever its length. */
export const SECRET_MARK = '●●●●●●●●';

export function MaskedInput({ label, placeholder = 'type it: nothing is shown', onSubmit, onCancel }: { label: string; placeholder?: string; onSubmit(secret: string): void; onCancel(): void }): React.JSX.Element {
  const theme = useTheme();
  const editor = useLineEditor();
  useCommands(
    ['input'],
    {
      back: () => {
        editor.set('');
        onCancel();
      },
      submit: () => {
        const secret = editor.current();
        editor.set('');
        onSubmit(secret);
      },
    },
    // Only typing and Backspace change a secret: the cursor always stays at its end (← → would show where it is).
    { kind: 'overlay', capturesText: true, onText: (input, name) => (name === 'left' || name === 'right' || name === 'home' || name === 'end' ? undefined : editor.onText(input, name)) },
  );
  const typed = editor.value.length > 0;
  return (
    <Box>
      <Text>{label} </Text>
      <Text {...(typed ? {} : theme.style('muted'))} wrap="truncate-end">
        {typed ? SECRET_MARK : placeholder}
      </Text>
      <Text {...theme.style('selected')}> </Text>
    </Box>
  );
}
