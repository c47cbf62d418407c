/**
 * The confirmation of a dangerous action: the question names what will happen, y says yes,
 * n / Enter / Esc say no (the default). With `typeToConfirm` the operator types the word and
 * Enter instead; anything else is refused with the word to type.
 */
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { sanitiseLine } from '../../sanitise.js';
import type { ConfirmRequest } from '../context/overlay.js';
import { useTheme } from '../context/theme.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useCommands } from '../keys/keymap.js';
import { LineInput } from './line-input.js';

/** The lines of the detail (at least one, blank when there is none). */
function detailLines(request: ConfirmRequest): readonly string[] {
  if (request.detail === undefined) return [' '];
  return typeof request.detail === 'string' ? [request.detail] : request.detail.length > 0 ? request.detail : [' '];
}

/** Rows the confirmation takes: the question, its detail lines and the answer line. */
export function confirmHeight(request: ConfirmRequest): number {
  return 2 + detailLines(request).length;
}

export function Confirm({ request, width, onDone }: { request: ConfirmRequest; width: number; onDone(): void }): React.JSX.Element {
  const theme = useTheme();
  const [wrong, setWrong] = useState<string | null>(null);
  const editor = useLineEditor();
  const word = request.typeToConfirm;
  const no = () => {
    onDone();
    request.onNo?.();
  };
  const yes = () => {
    onDone();
    request.onYes();
  };
  useCommands(['confirm'], { 'confirm-yes': yes, 'confirm-no': no, back: no }, { kind: 'overlay', isActive: word === undefined });
  useCommands(
    ['input'],
    {
      back: no,
      submit: () => (editor.current().trim() === word ? yes() : setWrong(`"${sanitiseLine(editor.current()).slice(0, 20)}" is not ${word}`)),
    },
    { kind: 'overlay', isActive: word !== undefined, capturesText: true, onText: (input, name) => editor.onText(input, name) },
  );
  return (
    <Box flexDirection="column" width={width} height={confirmHeight(request)}>
      <Text bold wrap="truncate-end">
        {sanitiseLine(request.question)}
      </Text>
      {detailLines(request).map((line, i) => (
        <Text key={i} {...theme.style('muted')} wrap="truncate-end">
          {sanitiseLine(line) || ' '}
        </Text>
      ))}
      {word === undefined ? (
        <Text wrap="truncate-end">
          <Text {...theme.style('key')}>y</Text> yes <Text {...theme.style('key')}>n</Text>/Enter/Esc no (the default)
        </Text>
      ) : (
        <Box>
          <Text {...(wrong ? theme.style('failed') : {})}>{wrong ? `${wrong}: type ${word} and Enter, or Esc: ` : `type ${word} and Enter to go ahead, Esc cancels: `}</Text>
          <LineInput editor={editor} />
        </Box>
      )}
    </Box>
  );
}
