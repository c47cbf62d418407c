import { Box, Text } from 'ink';
import React from 'react';
import type { KeysView } from '../../../console/key-actions.js';
import { SafeText } from '../../components/safe-text.js';
import { Table, type Column } from '../../components/table.js';
import { useTheme } from '../../context/theme.js';
import { count, plural } from '../../format.js';

interface KeyLine {
  id: string;
  state: string;
  created: string;
  credentials: number;
}

const COLUMNS: ReadonlyArray<Column<KeyLine>> = [
  { header: 'key', width: 'grow', value: (k) => k.id },
  { header: 'state', width: 17, value: (k) => k.state, role: (k) => (k.state === 'active' ? 'ok' : k.state === 'retiring' ? 'warn' : 'failed') },
  { header: 'created', width: 16, value: (k) => k.created },
  { header: 'credentials', width: 11, align: 'right', value: (k) => count(k.credentials) },
];

/** Rows the keyring pane takes for this view: the keyring lines and a table of its keys (at most 4 shown). */
export function keyringPaneRows(view: KeysView): number {
  if (!('status' in view.keyring)) return 3;
  const keys = view.keyring.status.keys.length + view.keyring.status.missingKeys.length;
  return 3 + Math.min(4, Math.max(1, keys)) + 1;
}

/** The keyring file, the active key (and whether the database agrees), each key with the credentials it seals, an unfinished rotation. */
export function KeyringPane({ view, width }: { view: KeysView; width: number }): React.JSX.Element {
  const theme = useTheme();
  const rows = keyringPaneRows(view);
  const { keyring } = view;
  if (!('status' in keyring)) {
    return (
      <Box flexDirection="column" width={width} height={rows}>
        <SafeText text={`${keyring.problem.code}: ${keyring.problem.message}`} role="failed" />
        <SafeText text={`${plural(view.credentials, 'credential')} cannot be opened, changed or rotated until the keyring can be read`} role="muted" />
      </Box>
    );
  }
  const { status } = keyring;
  const lines: KeyLine[] = [
    ...status.keys.map((k) => ({ id: k.id, state: k.state, created: k.createdAt.slice(0, 16).replace('T', ' '), credentials: k.credentials })),
    ...status.missingKeys.map((k) => ({ id: k.id, state: 'not in keyring', created: '', credentials: k.credentials })),
  ];
  const database = status.databaseActiveKeyId === null ? 'the database has recorded none yet' : status.databaseActiveKeyId === status.activeKeyId ? "also the database's" : `the database's is ${status.databaseActiveKeyId}`;
  return (
    <Box flexDirection="column" width={width} height={rows}>
      <SafeText text={`keyring ${status.file}`} />
      <Text wrap="truncate-end">
        <Text {...theme.style('label')}>active key </Text>
        <SafeText text={`${status.activeKeyId} (${database})`} />
      </Text>
      {keyring.foreign ? (
        <SafeText text={`this keyring does not hold the database's active key ${status.databaseActiveKeyId ?? ''}: it belongs to another installation; R, v and new secrets are refused`} role="failed" />
      ) : keyring.unfinished ? (
        <SafeText text={`unfinished rotation: ${keyring.unfinished.retiringKeyIds.join(', ')} still seal ${plural(keyring.unfinished.credentials, 'credential')}; R finishes it`} role="warn" />
      ) : status.missingKeys.length > 0 ? (
        <SafeText text="credentials sealed with a key not in the keyring cannot be opened: restore the keyring backup that holds it" role="failed" />
      ) : (
        <SafeText text={`${plural(view.credentials, 'credential')}; R makes a new key and re-seals them all`} role="muted" />
      )}
      <Table columns={COLUMNS} rows={lines} rowKey={(k) => k.id} selected={-1} focused={false} width={width} height={rows - 3} empty="no keys" />
    </Box>
  );
}
