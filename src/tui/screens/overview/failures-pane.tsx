import { Box, Text } from 'ink';
import React from 'react';
import type { DeviceFailure } from '../../../console/console-types.js';
import { Table, type Column } from '../../components/table.js';
import { useTheme } from '../../context/theme.js';
import { ago } from '../../format.js';

const COLUMNS: ReadonlyArray<Column<DeviceFailure & { now: Date }>> = [
  { header: 'WHEN', width: 11, value: (f) => ago(f.at, f.now) },
  { header: 'HOSTNAME', width: 22, value: (f) => f.hostname ?? '(removed)' },
  { header: 'CODE', width: 18, value: (f) => f.errorCode ?? '', role: () => 'failed' },
  { header: 'ERROR', width: 'grow', value: (f) => f.error ?? '' },
];

/** The most recent failed device retrievals with their error code and hostname. */
export function FailuresPane({ failures, now, selected, focused, width, height }: { failures: readonly DeviceFailure[]; now: Date; selected: number; focused: boolean; width: number; height: number }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.style('title')} wrap="truncate-end">
        {focused ? '▸ ' : '  '}Recent failures {failures.length}
      </Text>
      <Table
        columns={COLUMNS}
        rows={failures.map((f) => ({ ...f, now }))}
        rowKey={(f) => f.jobId}
        selected={selected}
        focused={focused}
        width={width}
        height={height - 1}
        empty="  no failed retrieval"
      />
    </Box>
  );
}
