/**
 * A secret typed by the operator (a credential's secret or enable secret): every character is
 * shown as `*`, the value is handed to `onSubmit` on Enter and lives only in this component
 * (a ref, not React state): unmount it after submit and it is gone.
 */
import { Box, Text } from 'ink';
import React from 'react';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useCommands } from '../keys/keymap.js';
import { LineInput } from './line-input.js';

export function MaskedInput({ label, onSubmit, onCancel }: { label: string; onSubmit(secret: string): void; onCancel(): void }): React.JSX.Element {
  const editor = useLineEditor();
  useCommands(
    ['input'],
    {
      back: onCancel,
      submit: () => {
        const secret = editor.current();
        editor.set('');
        onSubmit(secret);
      },
    },
    { kind: 'overlay', capturesText: true, onText: (input, name) => editor.onText(input, name) },
  );
  return (
    <Box>
      <Text>{label} </Text>
      <LineInput editor={editor} mask />
    </Box>
  );
}
