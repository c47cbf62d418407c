import { Box, Text } from 'ink';
import React from 'react';
import type { JobProgress } from '../../../console/console-types.js';
import { Progress } from '../../components/progress.js';
import { SafeText } from '../../components/safe-text.js';
import { useTheme } from '../../context/theme.js';
import { fit } from '../../format.js';
import { describeJobTarget } from './state-summary.js';

/** Queued and running jobs, each with a progress bar; the selected one in reverse video while the pane has the focus. */
export function JobsPane({ jobs, selected, focused, width, height }: { jobs: readonly JobProgress[]; selected: number; focused: boolean; width: number; height: number }): React.JSX.Element {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(selected - rows + 1, jobs.length - rows));
  const barWidth = Math.min(36, Math.floor(width / 3));
  const textWidth = width - barWidth - 1;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text {...theme.style('title')} wrap="truncate-end">
        {focused ? '▸ ' : '  '}Running jobs {jobs.length}
      </Text>
      {jobs.length === 0 ? <Text {...theme.style('muted')}>  nothing queued or running</Text> : null}
      {jobs.slice(Math.max(0, top), Math.max(0, top) + rows).map((job, i) => {
        const index = Math.max(0, top) + i;
        const what = `  ${job.kind} ${job.status === 'queued' ? '(queued) ' : ''}${describeJobTarget(job.target)} · ${job.requestedBy ?? 'schedule'}`;
        return (
          <Box key={job.id} width={width}>
            <Box width={textWidth}>
              <SafeText text={fit(what, textWidth)} style={focused && index === selected ? theme.style('selected') : undefined} />
            </Box>
            <Text> </Text>
            <Progress done={job.progressDone} total={job.progressTotal} failed={job.progressFailed} width={barWidth} />
          </Box>
        );
      })}
    </Box>
  );
}
