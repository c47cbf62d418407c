import { Box } from 'ink';
import React from 'react';
import type { CredentialRow } from '../../../console/console-types.js';
import { SafeText } from '../../components/safe-text.js';
import type { Column } from '../../components/table.js';
import { ago, count } from '../../format.js';

/** Rows the detail of the highlighted credential takes below the list. */
export const DETAIL_ROWS = 2;

export const CREDENTIAL_COLUMNS: ReadonlyArray<Column<CredentialRow>> = [
  { header: 'name', width: 'grow', value: (c) => c.name },
  { header: 'user', width: 10, value: (c) => c.username },
  { header: 'login', width: 8, value: (c) => c.method },
  { header: 'tags', width: 'grow', value: (c) => c.tags.join(', ') },
  { header: 'key id', width: 12, value: (c) => c.keyId },
  { header: 'ok', width: 5, align: 'right', value: (c) => count(c.successCount), role: (c) => (c.successCount > 0 ? 'ok' : undefined) },
  { header: 'fail', width: 5, align: 'right', value: (c) => count(c.failureCount), role: (c) => (c.failureCount > 0 ? 'failed' : undefined) },
  { header: 'last used', width: 10, value: (c) => (c.lastUsedAt ? ago(c.lastUsedAt).replace(' ago', '') : 'never') },
];

/** The highlighted credential in full (never a secret, nor its length): its login, enable secret, key and record. */
export function CredentialDetail({ row, width }: { row: CredentialRow | undefined; width: number }): React.JSX.Element {
  if (!row) return <Box height={DETAIL_ROWS} />;
  const login = row.method === 'key' ? `SSH key ${row.keyFingerprint ?? ''}` : 'password';
  return (
    <Box flexDirection="column" width={width} height={DETAIL_ROWS}>
      <SafeText text={`${row.name} · user ${row.username} · ${login} · enable secret ${row.hasEnableSecret ? 'yes' : 'no'} · priority ${row.priority}`} />
      <SafeText text={`sealed with key ${row.keyId} · tags ${row.tags.join(', ') || 'none'} · ${count(row.successCount)} ok, ${count(row.failureCount)} failed · last success ${ago(row.lastSuccessAt)}`} role="muted" />
    </Box>
  );
}
