/**
 * jobs: the jobs operators started and schedules fired, newest first (device jobs of a sweep
 * are in its log), keyset-paged from the database and live (re-read when a job changes).
 * `/` filters by status and kind, Enter opens the highlighted job's log, `c` cancels it.
 */
import { Box, Text } from 'ink';
import React, { useMemo, useState } from 'react';
import { parseJobFilter } from '../../console/job-filter.js';
import type { JobView } from '../../console/jobs-actions.js';
import { LineInput } from '../components/line-input.js';
import { SafeText } from '../components/safe-text.js';
import { Table, type Column } from '../components/table.js';
import { useBanner } from '../context/banner.js';
import { useNavigation } from '../context/navigation.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { useCancelJob } from '../hooks/use-cancel-job.js';
import { useJobs } from '../hooks/use-jobs.js';
import { useInlineInput } from '../hooks/use-inline-input.js';
import { useCommands } from '../keys/keymap.js';
import type { StyleRole } from '../theme.js';
import { jobDuration, jobFinished, jobName, jobProgress, jobStarted, jobStatus } from './jobs/job-text.js';

const STATUS_ROLE: Record<string, StyleRole> = { running: 'running', queued: 'running', cancelling: 'warn', succeeded: 'ok', partial: 'warn', failed: 'failed', cancelled: 'muted' };

function columns(now: Date): Array<Column<JobView>> {
  return [
    { header: 'kind', width: 9, value: (j) => (j.kind === 'key_rotation' ? 'rotation' : j.kind) },
    { header: 'target', width: 'grow', value: (j) => j.target || '-' },
    { header: 'status', width: 10, value: jobStatus, role: (j) => STATUS_ROLE[jobStatus(j)] },
    { header: 'progress', width: 13, align: 'right', value: jobProgress },
    { header: 'requested by', width: 12, value: (j) => j.requestedBy ?? 'schedule' },
    { header: 'started', width: 10, value: (j) => jobStarted(j, now) },
    { header: 'took', width: 6, align: 'right', value: (j) => jobDuration(j, now) },
  ];
}

export function JobsScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const banner = useBanner();
  const overlay = useOverlay();
  const navigation = useNavigation();
  const cancelJob = useCancelJob();
  const [filterText, setFilterText] = useState('');
  // Enter applies the filter (a mistake keeps the input open, named in the banner), Esc clears it.
  const input = useInlineInput(isTop, { onSubmit: (text) => apply(text), onCancel: () => apply('') });
  const editing = input.isOpen;
  const editor = input.editor;
  const filter = useMemo(() => {
    const parsed = parseJobFilter(filterText);
    return 'filter' in parsed ? parsed.filter : {};
  }, [filterText]);
  const tableHeight = Math.max(2, height - 2);
  const rows = useJobs(filter, { pageRows: tableHeight - 1, isActive: isTop && !editing });
  const job = rows.current;

  function apply(text: string): boolean {
    const parsed = parseJobFilter(text);
    if ('problem' in parsed) {
      banner.show('error', parsed.problem);
      return false;
    }
    banner.clear();
    setFilterText(text.trim());
    return true;
  }
  useCommands(
    ['jobs'],
    {
      // The selection as it is now (rows.current): a key typed right after a move sees the move.
      'open-log': () => {
        const job = rows.current;
        if (job) navigation.push('log', { jobId: job.id });
      },
      'cancel-job': () => {
        const job = rows.current;
        if (!job) return;
        const name = jobName(job, 30);
        if (jobFinished(job)) return banner.show('notice', `nothing to cancel: ${name} already ${job.status}`);
        const progress = jobProgress(job);
        overlay.confirm({
          question: `Cancel ${name} (${jobStatus(job)}${progress ? ` ${progress}` : ''}, by ${job.requestedBy ?? 'a schedule'})?`,
          detail: job.status === 'queued' ? 'it has not started: it is cancelled now' : 'its queued devices are cancelled now; devices already running finish first',
          onYes: () => cancelJob(job, name, rows.refresh),
        });
      },
      'filter-jobs': () => input.open(filterText),
    },
    { isActive: isTop && !editing },
  );
  // Esc clears the filter first; without one it goes back (the global binding).
  useCommands(['global'], { back: () => (filterText ? setFilterText('') : false) }, { isActive: isTop && !editing });

  const now = new Date();
  const detail = job ? `${job.id}${job.errorCode ? ` · ${job.errorCode}: ${job.error ?? ''}` : job.cancelRequested ? ' · cancel requested' : ''}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {editing ? (
        <Box width={width}>
          <Text {...theme.style('key')}>filter: </Text>
          <LineInput editor={editor} />
          <Text {...theme.style('muted')} wrap="truncate-end">
            {'  statuses, kinds · Enter applies · Esc clears'}
          </Text>
        </Box>
      ) : (
        <Text wrap="truncate-end">
          <Text {...theme.style('title')}>Jobs</Text>
          <Text {...theme.style('muted')}> newest first · </Text>
          <SafeText text={filterText ? `filter: ${filterText}` : 'all (/ filters)'} role="muted" />
        </Text>
      )}
      <Table columns={columns(now)} rows={rows.rows} rowKey={(j) => j.id} selected={rows.selected} focused={isTop && !editing} width={width} height={tableHeight} empty={rows.loading ? 'reading…' : filterText ? 'no job passes the filter' : 'no jobs yet'} />
      <SafeText text={detail} role="muted" />
    </Box>
  );
}
