import { Box, Text } from 'ink';
import React from 'react';
import type { Overview } from '../../../console/overview-actions.js';
import type { LiveDaemon } from '../../../daemon/daemon-liveness.js';
import { SafeText } from '../../components/safe-text.js';
import { DAEMON_ALIVE_SECONDS } from '../../components/header.js';
import { useTheme } from '../../context/theme.js';
import { ago, clock, count, duration, until } from '../../format.js';
import type { StyleRole } from '../../theme.js';

const STATUS_ROLE: Record<string, StyleRole> = { succeeded: 'ok', partially_succeeded: 'warn', failed: 'failed', cancelled: 'muted', running: 'running', queued: 'running' };

/** What a job is about, from its target (sweep description, tag, hostname). */
export function describeJobTarget(target: Record<string, unknown>): string {
  for (const key of ['description', 'hostname', 'tag']) if (typeof target[key] === 'string') return target[key] as string;
  return '';
}

function daemonsLine(daemons: readonly LiveDaemon[] | undefined): string {
  if (!daemons) return '…';
  const alive = daemons.filter((d) => d.heartbeatAgeSeconds !== null && d.heartbeatAgeSeconds <= DAEMON_ALIVE_SECONDS);
  if (alive.length === 0) return daemons.length > 0 ? `none alive (${daemons.length} silent)` : 'none (retrievals run in this console)';
  const beats = alive.slice(0, 3).map((d) => duration(d.heartbeatAgeSeconds ?? 0)).join(', ');
  return `${alive.length} alive (heartbeat ${beats}${alive.length > 3 ? ', …' : ''} ago)`;
}

/** The last and the next sweep, the daemons, the keys. */
export function StateSummary({ overview, daemons, width }: { overview: Overview; daemons: readonly LiveDaemon[] | undefined; width: number }): React.JSX.Element {
  const theme = useTheme();
  const { lastSweep, nextSweep, keys } = overview;
  const label = (text: string) => <Text {...theme.style('label')}>{text.padEnd(11)}</Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        {label('Last sweep')}
        {lastSweep ? (
          <Text>
            <Text {...theme.style(STATUS_ROLE[lastSweep.status] ?? 'muted')}>{lastSweep.status}</Text> {ago(lastSweep.finishedAt ?? lastSweep.startedAt ?? lastSweep.createdAt, overview.readAt)}
          </Text>
        ) : (
          'none yet'
        )}
      </Text>
      <SafeText text={lastSweep ? `           ${count(lastSweep.progressDone)}/${count(lastSweep.progressTotal)} devices, ${count(lastSweep.progressFailed)} failed · ${describeJobTarget(lastSweep.target)}` : ''} />
      <Text wrap="truncate-end">
        {label('Next sweep')}
        {nextSweep ? `${clock(nextSweep.at)} (${until(nextSweep.at, overview.readAt)}) · ${nextSweep.tag ? `tag ${nextSweep.tag}` : 'every device'}` : 'no schedule'}
      </Text>
      <SafeText text={nextSweep ? `           ${nextSweep.words} (${nextSweep.cron})` : ''} role="muted" />
      <Text wrap="truncate-end">
        {label('Daemons')}
        {daemonsLine(daemons)}
      </Text>
      {'status' in keys ? (
        <>
          <SafeText text={`${'Keys'.padEnd(11)}active ${keys.status.activeKeyId}`} />
          <SafeText
            text={`           ${[`${count(keys.status.keys.find((k) => k.id === keys.status.activeKeyId)?.credentials ?? 0)} credentials`, ...keys.status.keys.filter((k) => k.id !== keys.status.activeKeyId).map((k) => `${k.id} ${k.state} ${count(k.credentials)}`), ...keys.status.missingKeys.map((k) => `${k.id} MISSING ${count(k.credentials)}`)].join(' · ')}`}
            role={keys.status.missingKeys.length > 0 ? 'failed' : undefined}
          />
        </>
      ) : (
        <SafeText text={`${'Keys'.padEnd(11)}${keys.problem.code}: ${keys.problem.message}`} role="failed" />
      )}
    </Box>
  );
}
