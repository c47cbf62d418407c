/**
 * One row under a list: the retrieval the screen started, as it goes — where it runs, devices
 * done of total (a bar), failures by class and the rate — and how it ended.
 */
import { Box, Text } from 'ink';
import React, { useEffect, useState } from 'react';
import type { RetrievalProgress } from '../../../console/retrieval-actions.js';
import { Progress } from '../../components/progress.js';
import { SafeText } from '../../components/safe-text.js';
import { useBanner } from '../../context/banner.js';
import { useTheme } from '../../context/theme.js';
import { count, stringWidth } from '../../format.js';
import type { FollowedRetrieval } from '../../hooks/use-retrieval.js';
import { useRetrievalProgress } from '../../hooks/use-retrieval-progress.js';

/** "TIMEOUT 2, AUTH_FAILED 1 · 4.1/s" */
export function progressTail(progress: RetrievalProgress | undefined): string {
  if (!progress) return '';
  const failures = progress.failuresByCode.map((f) => `${f.code} ${count(f.devices)}`).join(', ');
  return `${failures ? `${failures} · ` : ''}${progress.ratePerSecond.toFixed(1)}/s`;
}

export function RetrievalStrip({ retrieval, width, onProgress }: { retrieval: FollowedRetrieval; width: number; onProgress?(progress: RetrievalProgress): void }): React.JSX.Element {
  const theme = useTheme();
  const banner = useBanner();
  const [ended, setEnded] = useState(false);
  const { data } = useRetrievalProgress(retrieval.jobId, retrieval.mode === 'in-process', ended);
  const done = data?.done ?? 0;
  useEffect(() => {
    if (!data) return;
    onProgress?.(data);
    if (data.finished && !ended) {
      setEnded(true);
      banner.show('notice', `retrieval of ${retrieval.what} ${data.status}: ${count(data.done)}/${count(data.total)} done, ${count(data.failed)} failed`);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data?.status, done, data?.failed]);

  const queued = data?.status === 'queued';
  const label = data?.finished ? `retrieved ${retrieval.what}: ${data.status}` : queued ? `queued for the daemons: ${retrieval.what}` : `retrieving ${retrieval.what}${retrieval.mode === 'in-process' ? ' here' : ''}`;
  const total = data && data.total > 0 ? data.total : retrieval.devices;
  const bar = Math.max(10, Math.min(20, Math.floor(width / 4)));
  const tail = progressTail(data);
  // The label and the tail share what the bar leaves; neither takes more than it needs.
  const room = width - bar - 1;
  const labelWidth = Math.max(8, Math.min(stringWidth(label) + 1, room - Math.min(stringWidth(tail) + 1, Math.floor(room / 2))));
  return (
    <Box width={width} height={1}>
      <Box width={labelWidth}>
        <SafeText text={label} role={data?.finished ? (data.failed > 0 ? 'warn' : 'ok') : 'running'} />
      </Box>
      <Text> </Text>
      <Progress done={done} total={total} width={bar} />
      <Box width={Math.max(0, width - labelWidth - bar - 1)}>
        <Text {...theme.style('muted')} wrap="truncate-end">
          {tail ? ` ${tail}` : ''}
        </Text>
      </Box>
    </Box>
  );
}
