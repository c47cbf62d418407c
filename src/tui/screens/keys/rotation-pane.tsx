import { Box, Text } from 'ink';
import React from 'react';
import type { RotationResult } from '../../../credentials/key-rotation.js';
import { sanitiseLine } from '../../../sanitise.js';
import type { KeyRotationJob } from '../../../console/console-types.js';
import { Progress } from '../../components/progress.js';
import { SafeText } from '../../components/safe-text.js';
import { useTheme } from '../../context/theme.js';
import { ago, count } from '../../format.js';
import type { StyleRole } from '../../theme.js';

/** Rows the rotation pane always takes: the job, the bar, and two rows each for the result and the reminder (they wrap). */
export const ROTATION_ROWS = 6;

/** "batch 2/3": batches done (every batch but the last holds batchSize credentials, failures included) of all. */
export function batchText(job: KeyRotationJob): string {
  if (!job.batchSize) return '';
  const batches = (n: number) => Math.ceil(n / job.batchSize!);
  return ` · batch ${batches(job.done + job.failed)}/${batches(job.total)}`;
}

function jobLine(job: KeyRotationJob): string {
  const when = job.status === 'running' ? (job.leaseExpired ? 'stopped (its process died): R finishes it' : 'running') : `${job.status} ${ago(job.finishedAt)}`;
  return `last rotation: ${when} · requested by ${job.requestedBy ?? 'unknown'} · ${count(job.done)}/${count(job.total)} re-sealed${job.failed ? `, ${count(job.failed)} failed` : ''} · job ${job.id}`;
}

/** Two rows of text that wrap (a result and a reminder an operator must read whole, at 80 columns too). */
function Wrapped({ text, role }: { text: string; role: StyleRole }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box height={2} overflow="hidden">
      <Text {...theme.style(role)} wrap="wrap">
        {sanitiseLine(text) || ' '}
      </Text>
    </Box>
  );
}

/**
 * The latest rotation (any process's), with a live progress bar while it runs and after this
 * console's own one; the result of this console's rotation and the reminder to back up the keyring.
 */
export function RotationPane({ job, result, running, file, width }: { job: KeyRotationJob | null; result: RotationResult | null; running: boolean; file: string; width: number }): React.JSX.Element {
  const theme = useTheme();
  const showBar = job !== null && (job.status === 'running' || running || (result !== null && result.jobId === job.id));
  // This console's own result is final: the bar shows it even before the job's last notice is read.
  const bar = job && result && result.jobId === job.id ? { ...job, done: result.resealed, total: result.total, failed: result.failures.length } : job;
  return (
    <Box flexDirection="column" width={width} height={ROTATION_ROWS}>
      {job ? <SafeText text={jobLine(job)} role={job.status === 'succeeded' ? undefined : job.status === 'running' ? 'running' : 'warn'} /> : <Text {...theme.style('muted')}>keys were never rotated here</Text>}
      {showBar ? (
        <Box>
          <Text>re-sealed </Text>
          <Progress done={bar!.done} total={bar!.total} failed={bar!.failed} width={Math.max(20, width - 30)} />
          <Text>{batchText(bar!)}</Text>
        </Box>
      ) : running ? <Text {...theme.style('running')}>starting the rotation…</Text> : <Text> </Text>}
      <Wrapped
        text={result ? `${result.resumed ? 'finished the interrupted rotation' : 'rotated'} to key ${result.keyId}: re-sealed ${count(result.resealed)} of ${count(result.total)}; retired ${result.retiredKeyIds.join(', ') || 'no key'}${result.failures.length ? `; ${count(result.failures.length)} not re-sealed (keep ${result.remainingKeyIds.join(', ')}): fix them, then R again` : ''}` : ''}
        role={result?.status === 'succeeded' ? 'ok' : 'failed'}
      />
      <Wrapped text={result ? `back up ${file} now: older backups lack key ${result.keyId}, and the database needs it` : ''} role="warn" />
    </Box>
  );
}
