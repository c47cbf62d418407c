import { Box, Text } from 'ink';
import React from 'react';
import type { VerifyResult } from '../../../credentials/key-verify.js';
import type { RotationFailure } from '../../../credentials/rotation-batch.js';
import { SafeText } from '../../components/safe-text.js';
import { Table, type Column } from '../../components/table.js';
import { useTheme } from '../../context/theme.js';
import { count } from '../../format.js';

const COLUMNS: ReadonlyArray<Column<RotationFailure>> = [
  { header: 'credential', width: 24, value: (f) => f.name },
  { header: 'code', width: 18, value: (f) => f.code, role: () => 'failed' },
  { header: 'why', width: 'grow', value: (f) => f.message },
];

/** `v`: how many credentials open with the keyring, and those that do not (a list with its own cursor). */
export function VerifyPane({ result, verifying, file, selected, focused, width, height }: { result: VerifyResult | null; verifying: boolean; file: string; selected: number; focused: boolean; width: number; height: number }): React.JSX.Element {
  const theme = useTheme();
  if (verifying) return <Box height={height}><Text {...theme.style('running')}>verifying: opening every credential…</Text></Box>;
  if (!result) return <Box height={height}><Text {...theme.style('muted')}>v opens every credential with the keyring and lists those that do not</Text></Box>;
  const open = result.total - result.failures.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText text={`verified: ${count(open)} of ${count(result.total)} credentials open with ${file}`} role={result.failures.length ? 'failed' : 'ok'} />
      {result.failures.length > 0 ? <Table columns={COLUMNS} rows={result.failures} rowKey={(f) => f.id} selected={selected} focused={focused} width={width} height={height - 1} /> : null}
    </Box>
  );
}
