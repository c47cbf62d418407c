/**
 * overview: the state of the backups at a glance. Live: it reads again when a job changes
 * status or logs a line (LISTEN/NOTIFY), at most once a second. Tab moves between the two
 * lists (running jobs, recent failures); the movement keys scroll the one with the focus;
 * Enter on a running job opens its log.
 */
import { Spinner } from '@inkjs/ui';
import { Box } from 'ink';
import React, { useState } from 'react';
import { useNavigation } from '../context/navigation.js';
import { useScreen } from '../context/screen.js';
import { useDaemons } from '../hooks/use-daemons.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useOverview } from '../hooks/use-overview.js';
import { useCommands } from '../keys/keymap.js';
import { DeviceSummary } from './overview/device-summary.js';
import { FailuresPane } from './overview/failures-pane.js';
import { JobsPane } from './overview/jobs-pane.js';
import { StateSummary } from './overview/state-summary.js';

const SUMMARY_ROWS = 9;
const PANES = ['jobs', 'failures'] as const;

export function OverviewScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const { data } = useOverview();
  const daemons = useDaemons();
  const [pane, setPane] = useState<(typeof PANES)[number]>('failures');
  const jobRows = Math.min(3, Math.max(1, data?.activeJobs.length ?? 0));
  const jobsHeight = 1 + jobRows;
  const failuresHeight = Math.max(3, height - SUMMARY_ROWS - jobsHeight);
  const jobs = useListCursor(data?.activeJobs.length ?? 0, jobRows, isTop && pane === 'jobs');
  const failures = useListCursor(data?.recentFailures.length ?? 0, failuresHeight - 2, isTop && pane === 'failures');
  useCommands(['panes'], { 'next-pane': () => setPane((p) => PANES[(PANES.indexOf(p) + 1) % PANES.length]!) }, { isActive: isTop });
  const navigation = useNavigation();
  // The running job highlighted when the key is handled (jobs.now()), also right after a move.
  const openJob = () => (pane === 'jobs' ? data?.activeJobs[jobs.now()] : undefined);
  useCommands(['overview'], { 'open-log': () => (openJob() ? navigation.push('log', { jobId: openJob()!.id }) : false) }, { isActive: isTop });

  if (!data) {
    return (
      <Box height={height}>
        <Spinner label="reading the overview…" />
      </Box>
    );
  }
  const left = Math.min(36, Math.max(30, Math.floor(width / 2) - 10));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={SUMMARY_ROWS} width={width}>
        <DeviceSummary overview={data} width={left} />
        <Box width={2} />
        <StateSummary overview={data} daemons={daemons.data} width={width - left - 2} />
      </Box>
      <JobsPane jobs={data.activeJobs} selected={jobs.selected} focused={pane === 'jobs'} width={width} height={jobsHeight} />
      <FailuresPane failures={data.recentFailures} now={data.readAt} selected={failures.selected} focused={pane === 'failures'} width={width} height={failuresHeight} />
    </Box>
  );
}
