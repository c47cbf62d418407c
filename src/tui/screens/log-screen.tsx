/**
 * log: a job's log, live (a sweep's shows its devices' lines as any daemon writes them).
 * Follows the newest line by default; scrolling up pauses and says so; `f` toggles, `G`
 * follows again. `l` cycles the level filter, `/` filters by device, `w` wraps. Only the lines
 * shown are drawn, and only a window of the log is held (use-job-log.ts).
 */
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useCallback, useState } from 'react';
import type { LogFilter, LogLine } from '../../console/console-types.js';
import { useBanner } from '../context/banner.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { useJobLog } from '../hooks/use-job-log.js';
import { useLogJob } from '../hooks/use-log-job.js';
import { useInlineInput } from '../hooks/use-inline-input.js';
import { useCommands } from '../keys/keymap.js';
import { LineInput } from '../components/line-input.js';
import { SafeText } from '../components/safe-text.js';
import { count } from '../format.js';
import { jobSummary } from './jobs/job-text.js';
import { LogView, rowsOfLine } from './log/log-line.js';

const LEVELS: Array<{ min: LogFilter['minLevel']; label: string }> = [
  { min: undefined, label: 'all levels' },
  { min: 'info', label: 'info and above' },
  { min: 'warn', label: 'warn and above' },
  { min: 'error', label: 'errors only' },
];

export function LogScreen(): React.JSX.Element {
  const { entry, width, height, isTop } = useScreen();
  const theme = useTheme();
  const banner = useBanner();
  const { jobId, job, none } = useLogJob(entry.params.jobId);
  const [level, setLevel] = useState(0);
  const [device, setDevice] = useState('');
  const [wrap, setWrap] = useState(false);
  // Enter applies the device filter, Esc clears it.
  const input = useInlineInput(isTop, { onSubmit: (text) => void setDevice(text.trim()), onCancel: () => setDevice('') });
  const editing = input.isOpen;
  const editor = input.editor;
  const filter: LogFilter = { minLevel: LEVELS[level]!.min, device: device || undefined };
  const viewHeight = Math.max(1, height - 2);
  const rowsOf = useCallback((line: LogLine) => rowsOfLine(line, width, wrap), [width, wrap]);
  const log = useJobLog(jobId, filter, { height: viewHeight, rowsOf, isActive: isTop && !editing });
  const { window } = log;

  useCommands(
    ['log'],
    {
      follow: () => log.follow(!window.follow),
      'log-level': () => setLevel((n) => (n + 1) % LEVELS.length),
      'filter-log-device': () => input.open(device),
      wrap: () => setWrap((w) => !w),
    },
    { isActive: isTop && !editing },
  );
  // Esc clears the filters first; with none it goes back (the global binding).
  const clearFilters = () => {
    if (!device && !level) return false;
    setDevice('');
    setLevel(0);
    banner.show('notice', 'filters cleared');
    return true;
  };
  useCommands(['global'], { back: clearFilters }, { isActive: isTop && !editing });

  if (none) return <Text {...theme.style('muted')}>no jobs yet: a retrieval (devices screen, `netraven retrieve`) or a schedule makes one</Text>;
  const state = window.follow ? (log.ended ? `end of log (job ${log.ended})` : 'following') : `paused: G or f follows${window.arrivedWhilePaused ? ` · ${count(window.arrivedWhilePaused)} new` : ''}`;
  // While a new filter is read, the count of the old one would be misread as the new one's.
  const filters = [log.loading ? 'reading…' : `${count(window.total)} lines`, LEVELS[level]!.label, device ? `device ~${device}` : 'every device', wrap ? 'wrap' : 'no wrap'].join(' · ');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText text={job ? jobSummary(job, new Date()) : 'reading the job…'} role="title" />
      {editing ? (
        <Box width={width}>
          <Text {...theme.style('key')}>device contains: </Text>
          <LineInput editor={editor} />
          <Text {...theme.style('muted')} wrap="truncate-end">
            {'  Enter applies · Esc clears'}
          </Text>
        </Box>
      ) : (
        <Text wrap="truncate-end">
          <Text {...(window.follow ? theme.style('ok') : theme.style('warn'))}>{state}</Text>
          <Text {...theme.style('muted')}> · </Text>
          <SafeText text={filters} role="muted" />
        </Text>
      )}
      {log.loading && window.lines.length === 0 ? (
        <Spinner label="reading the log…" />
      ) : window.lines.length === 0 ? (
        <Text {...theme.style('muted')}>{window.total === 0 && !device && level === 0 ? 'no lines yet' : 'no line passes the filter'}</Text>
      ) : (
        <LogView lines={window.lines} first={log.first} width={width} height={viewHeight} wrap={wrap} />
      )}
    </Box>
  );
}
