import { Box, Text } from 'ink';
import React from 'react';
import type { Overview } from '../../../console/overview-actions.js';
import { useTheme } from '../../context/theme.js';
import { count, duration, fit } from '../../format.js';
import type { StyleRole } from '../../theme.js';

/** Failure codes listed one by one; the rest are summed on one line. */
const CODES_SHOWN = 3;

function Row({ label, value, role, width, indent = 2 }: { label: string; value: number; role?: StyleRole; width: number; indent?: number }): React.JSX.Element {
  const theme = useTheme();
  const numberWidth = 8;
  return (
    <Text wrap="truncate-end">
      {' '.repeat(indent)}
      <Text {...(role && value > 0 ? theme.style(role) : {})}>{fit(label, width - indent - numberWidth)}</Text>
      {fit(count(value), numberWidth, 'right')}
    </Text>
  );
}

/** Devices by last result: ok, failed by error code, never retrieved, stale, disabled. */
export function DeviceSummary({ overview, width }: { overview: Overview; width: number }): React.JSX.Element {
  const theme = useTheme();
  const { devices, staleAfterSeconds } = overview;
  const failed = devices.failed.reduce((sum, f) => sum + f.devices, 0);
  const shown = devices.failed.slice(0, CODES_SHOWN);
  const others = devices.failed.slice(CODES_SHOWN).reduce((sum, f) => sum + f.devices, 0);
  return (
    <Box flexDirection="column" width={width}>
      <Text {...theme.style('title')} wrap="truncate-end">
        Devices {count(devices.total)}
      </Text>
      <Row label="ok" value={devices.ok} role="ok" width={width} />
      <Row label="failed" value={failed} role="failed" width={width} />
      {shown.map((f) => (
        <Row key={f.code} label={f.code} value={f.devices} role="failed" width={width} indent={4} />
      ))}
      {others > 0 ? <Row label={`${devices.failed.length - CODES_SHOWN} other codes`} value={others} role="failed" width={width} indent={4} /> : null}
      <Row label="never retrieved" value={devices.never} role="never" width={width} />
      <Row label={staleAfterSeconds === null ? 'stale' : `stale (> ${duration(staleAfterSeconds)})`} value={devices.stale} role="stale" width={width} />
      {devices.disabled > 0 ? <Row label="disabled" value={devices.disabled} width={width} /> : null}
    </Box>
  );
}
