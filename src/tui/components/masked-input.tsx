/**
 * A secret typed by the operator (a credential's secret or enable secret): shown as `*`,
 * handed to `onSubmit` on Enter and gone from the screen and from React state with the
 * component (@inkjs/ui's PasswordInput keeps it only while mounted: unmount it on submit).
 */
import { PasswordInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React from 'react';
import { useCommands } from '../keys/keymap.js';

export function MaskedInput({ label, onSubmit, onCancel }: { label: string; onSubmit(secret: string): void; onCancel(): void }): React.JSX.Element {
  useCommands(['confirm'], { back: onCancel }, { kind: 'overlay', capturesText: true });
  return (
    <Box>
      <Text>{label} </Text>
      <PasswordInput onSubmit={onSubmit} />
    </Box>
  );
}
