import { Box, Text } from 'ink';
import React from 'react';
import type { Role } from '../../console/actor.js';
import { useServicesIfAny } from '../context/services.js';
import { useTheme } from '../context/theme.js';
import { fit } from '../format.js';
import { useTextScroll } from '../hooks/use-text-scroll.js';
import { bindingsIn, type Binding, type KeyScope } from '../keys/bindings.js';
import { useCommands } from '../keys/keymap.js';

/** The lines of the help: this screen's bindings (its own and its lists', panes'…), then the global ones; with a role, only those it allows. */
export function helpLines(screen: string, scopes: readonly KeyScope[], width: number, role?: Role): string[] {
  const own = bindingsIn(scopes.filter((s) => s !== 'global'), role).filter((b) => !b.scopes.includes('global'));
  const global = bindingsIn(['global'], role);
  const keyWidth = Math.max(...[...own, ...global].map((b) => b.label.length)) + 2;
  const line = (b: Binding) => `  ${fit(b.label, keyWidth)}${b.help}`.slice(0, Math.max(0, width));
  const hidden = role === undefined ? 0 : bindingsIn(scopes).length - bindingsIn(scopes, role).length;
  const note = hidden > 0 ? ['', `  (${hidden} more ${hidden === 1 ? 'key needs' : 'keys need'} a role above ${role})`] : [];
  return [`keys of ${screen}`, ...own.map(line), '', 'everywhere', ...global.map(line), ...note];
}

/** `?`: every binding of the screen shown and the global ones, scrollable; ?, q or Esc closes it. */
export function HelpOverlay({ screen, scopes, width, height, onClose }: { screen: string; scopes: readonly KeyScope[]; width: number; height: number; onClose(): void }): React.JSX.Element {
  const theme = useTheme();
  const lines = helpLines(screen, scopes, width, useServicesIfAny()?.actor.role);
  const visible = Math.max(1, height - 1);
  const { top } = useTextScroll(lines.length, visible, true, 'help');
  useCommands(['help'], { help: onClose, back: onClose, quit: onClose }, { kind: 'overlay' });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...theme.style('title')}>Help — ? q Esc close{lines.length > visible ? ', ↓ ↑ scroll' : ''}</Text>
      {lines.slice(top, top + visible).map((line, i) => (
        <Text key={top + i} {...(line && !line.startsWith(' ') ? theme.style('title') : {})} wrap="truncate-end">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
