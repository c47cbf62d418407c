/**
 * `:` — type a screen's name, Tab completes it, Enter goes there, Esc cancels. Only the
 * screens that exist are offered; an unknown name says which exist.
 */
import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useRef, useState } from 'react';
import { useTheme } from '../context/theme.js';
import { useCommands } from '../keys/keymap.js';
import { SCREEN_NAMES, type ScreenName } from '../screens/screen-catalogue.js';

/** The screen a typed name means: itself, or the only screen it starts. */
export function resolveScreen(typed: string): ScreenName | undefined {
  const text = typed.trim().toLowerCase();
  const matches = SCREEN_NAMES.filter((name) => name.startsWith(text));
  return matches.find((name) => name === text) ?? (text && matches.length === 1 ? matches[0] : undefined);
}

/** What Tab makes of the text: the longest start all matching screens share. */
export function complete(typed: string): string {
  const text = typed.trim().toLowerCase();
  const matches = SCREEN_NAMES.filter((name) => name.startsWith(text));
  if (matches.length === 0) return typed;
  let common: string = matches[0]!;
  for (const name of matches) while (!name.startsWith(common)) common = common.slice(0, -1);
  return common.length > text.length ? common : typed;
}

export function CommandLine({ width, onJump, onClose }: { width: number; onJump(screen: ScreenName): void; onClose(): void }): React.JSX.Element {
  const theme = useTheme();
  const value = useRef('');
  const [shown, setShown] = useState({ text: '', version: 0 });
  const [problem, setProblem] = useState<string | null>(null);
  useCommands(
    ['command-line'],
    {
      back: onClose,
      complete: () => {
        const completed = complete(value.current);
        value.current = completed;
        setShown((s) => ({ text: completed, version: s.version + 1 }));
      },
      submit: () => {
        const screen = resolveScreen(value.current);
        if (screen) return onJump(screen);
        setProblem(`no screen named "${value.current.slice(0, 20)}": ${SCREEN_NAMES.join(', ')}`);
      },
    },
    { kind: 'overlay', capturesText: true },
  );
  return (
    <Box width={width}>
      <Text {...theme.style('key')}>:</Text>
      {/* Remounted with the completed text after Tab: @inkjs/ui's TextInput is uncontrolled. */}
      <TextInput
        key={shown.version}
        defaultValue={shown.text}
        suggestions={[...SCREEN_NAMES]}
        onChange={(text) => {
          value.current = text;
          setProblem(null);
        }}
      />
      {problem ? <Text {...theme.style('failed')} wrap="truncate-end">{`  ${problem}`}</Text> : null}
    </Box>
  );
}
