/**
 * `:operators` — who may log in to the SSH console, with which key and role, and when they last
 * did (admins; other roles see why not). Changed with `netraven operators` on the command line.
 */
import { Box, Text } from 'ink';
import React from 'react';
import type { OperatorKeyRow } from '../../console/operator-actions.js';
import { Table, type Column } from '../components/table.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { ago } from '../format.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useOperators } from '../hooks/use-operators.js';

const COLUMNS: ReadonlyArray<Column<OperatorKeyRow>> = [
  { header: 'operator', width: 16, value: (r) => r.name },
  { header: 'role', width: 8, value: (r) => r.role, role: (r) => (r.role === 'admin' ? 'warn' : undefined) },
  { header: 'key', width: 'grow', value: (r) => r.key },
  { header: 'comment', width: 16, value: (r) => r.comment },
  { header: 'last login', width: 12, value: (r) => (r.lastLoginAt ? ago(new Date(r.lastLoginAt)) : 'never') },
];

export function OperatorsScreen(): React.JSX.Element {
  const { isTop, width, height } = useScreen();
  const theme = useTheme();
  const operators = useOperators();
  const rows = operators.data ?? [];
  const cursor = useListCursor(rows.length, height - 2, isTop);
  const refused = (operators.error as { code?: string } | undefined)?.code === 'NOT_ALLOWED';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...theme.style('title')} wrap="truncate-end">
        Operators of the SSH console {operators.data ? `(${new Set(rows.map((r) => r.name)).size}, ${rows.length} keys)` : ''}
      </Text>
      {refused ? (
        <Text {...theme.style('muted')} wrap="truncate-end">
          only admins see the operators
        </Text>
      ) : (
        <Table columns={COLUMNS} rows={rows} rowKey={(r) => `${r.name} ${r.key}`} selected={cursor.selected} focused={isTop} width={width} height={height - 1} empty={operators.loading ? 'reading…' : 'no operators: netraven operators add NAME --role admin --key FILE.pub'} />
      )}
    </Box>
  );
}
