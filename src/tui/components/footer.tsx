import { Box, Text } from 'ink';
import React from 'react';
import { useServicesIfAny } from '../context/services.js';
import { useTheme } from '../context/theme.js';
import { bindingsIn, type KeyScope } from '../keys/bindings.js';

/** Bottom line: the keys of this screen the operator's role may use (its own first, then the global ones), from the bindings table. */
export function Footer({ scopes, width }: { scopes: readonly KeyScope[]; width: number }): React.JSX.Element {
  const theme = useTheme();
  const role = useServicesIfAny()?.actor.role;
  const own = bindingsIn(scopes.filter((s) => s !== 'global'), role).filter((b) => b.footer && !b.scopes.includes('global'));
  const global = bindingsIn(['global'], role).filter((b) => b.footer);
  const items = [...own, ...global];
  return (
    <Box width={width} overflow="hidden">
      <Text wrap="truncate-end">
        {items.map((b, i) => (
          <Text key={b.command}>
            {i > 0 ? '  ' : ' '}
            <Text {...theme.style('key')}>{b.label}</Text> {b.footer}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
