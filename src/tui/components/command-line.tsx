/**
 * `:` — type a screen's name, Tab completes it, Enter goes there, Esc cancels. Only the
 * screens that exist are offered; an unknown name says which exist.
 */
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { sanitiseLine } from '../../sanitise.js';
import { useTheme } from '../context/theme.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useCommands } from '../keys/keymap.js';
import { SCREEN_NAMES, type ScreenName } from '../screens/screen-catalogue.js';
import { LineInput } from './line-input.js';

function matching(typed: string): ScreenName[] {
  const text = typed.trim().toLowerCase();
  return SCREEN_NAMES.filter((name) => name.startsWith(text));
}

/** The screen a typed name means: itself, or the only screen it starts. */
export function resolveScreen(typed: string): ScreenName | undefined {
  const text = typed.trim().toLowerCase();
  const matches = matching(text);
  return matches.find((name) => name === text) ?? (text && matches.length === 1 ? matches[0] : undefined);
}

/** What Tab makes of the text: the longest start all matching screens share. */
export function complete(typed: string): string {
  const matches = matching(typed);
  if (matches.length === 0) return typed;
  let common: string = matches[0]!;
  for (const name of matches) while (!name.startsWith(common)) common = common.slice(0, -1);
  return common.length > typed.trim().length ? common : typed;
}

export function CommandLine({ width, onJump, onClose }: { width: number; onJump(screen: ScreenName): void; onClose(): void }): React.JSX.Element {
  const theme = useTheme();
  const editor = useLineEditor();
  const [problem, setProblem] = useState<string | null>(null);
  useCommands(
    ['command-line'],
    {
      back: onClose,
      complete: () => editor.set(complete(editor.current())),
      submit: () => {
        const screen = resolveScreen(editor.current());
        if (screen) return onJump(screen);
        setProblem(`no screen named "${sanitiseLine(editor.current()).slice(0, 20)}": ${SCREEN_NAMES.join(', ')}`);
      },
    },
    {
      kind: 'overlay',
      capturesText: true,
      onText: (input, name) => {
        editor.onText(input, name);
        setProblem(null);
      },
    },
  );
  const typed = editor.value.trim().toLowerCase();
  const rest = typed ? (matching(typed)[0]?.slice(typed.length) ?? '') : '';
  return (
    <Box width={width}>
      <Text {...theme.style('key')}>:</Text>
      <LineInput editor={editor} suggestion={rest} />
      {problem ? <Text {...theme.style('failed')} wrap="truncate-end">{`  ${problem}`}</Text> : null}
    </Box>
  );
}
