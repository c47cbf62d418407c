/**
 * The confirmation of a dangerous action: the question names what will happen, y says yes,
 * n / Enter / Esc say no (the default). With `typeToConfirm` the operator types the word
 * instead, and anything else is refused with the word to type.
 */
import { ConfirmInput, TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import type { ConfirmRequest } from '../context/overlay.js';
import { useCommands } from '../keys/keymap.js';

export function Confirm({ request, width, onDone }: { request: ConfirmRequest; width: number; onDone(): void }): React.JSX.Element {
  const theme = useTheme();
  const [wrong, setWrong] = useState<string | null>(null);
  const no = () => {
    onDone();
    request.onNo?.();
  };
  const yes = () => {
    onDone();
    request.onYes();
  };
  useCommands(['confirm'], { back: no }, { kind: 'overlay', capturesText: true });
  const word = request.typeToConfirm;
  return (
    <Box flexDirection="column" width={width} height={3} borderStyle="single" borderTop borderBottom={false} borderLeft={false} borderRight={false}>
      <Text bold wrap="truncate-end">
        {sanitiseLine(request.question)}
      </Text>
      {word === undefined ? (
        <Box>
          <Text wrap="truncate-end">{request.detail ? `${sanitiseLine(request.detail)}  ` : ''}</Text>
          <ConfirmInput defaultChoice="cancel" onConfirm={yes} onCancel={no} />
        </Box>
      ) : (
        <Box>
          <Text {...(wrong ? theme.style('failed') : {})}>{wrong ?? `type ${word} and Enter to go ahead, Esc to cancel: `}</Text>
          <TextInput key={wrong ?? 'first'} onSubmit={(typed) => (typed.trim() === word ? yes() : setWrong(`"${sanitiseLine(typed).slice(0, 20)}" is not ${word}: type ${word}, or Esc: `))} />
        </Box>
      )}
    </Box>
  );
}
