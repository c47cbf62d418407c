import { Box, Text } from 'ink';
import React from 'react';
import { useServices } from '../context/services.js';
import { useTheme } from '../context/theme.js';
import { clock, fit, stringWidth, truncate } from '../format.js';
import { useClock } from '../hooks/use-clock.js';
import { useDaemons } from '../hooks/use-daemons.js';

/** A daemon counts as alive when its heartbeat is at most this old (as `retrieve` decides to queue). */
export const DAEMON_ALIVE_SECONDS = 30;

/** Top line: NetRaven, the screen, the database (embedded or host/name), daemons alive, the operator and role, the time. */
export function Header({ screen, width }: { screen: string; width: number }): React.JSX.Element {
  const services = useServices();
  const theme = useTheme();
  const now = useClock();
  const daemons = useDaemons();
  const alive = daemons.data?.filter((d) => d.heartbeatAgeSeconds !== null && d.heartbeatAgeSeconds <= DAEMON_ALIVE_SECONDS).length;
  const left = ` NetRaven │ ${screen} │ `;
  const right = ` │ daemons ${alive ?? '…'} │ ${truncate(`${services.actor.name} (${services.actor.role})`, 28)} │ ${clock(now)} `;
  // The database label gives way first: the time and the daemons stay visible.
  const room = Math.max(0, width - stringWidth(left) - stringWidth(right));
  const database = truncate(`db ${services.databaseLabel}`, room);
  return (
    <Box width={width}>
      <Text {...theme.style('header')} wrap="truncate-end">
        {fit(`${left}${database}${' '.repeat(Math.max(0, room - stringWidth(database)))}${right}`, width)}
      </Text>
    </Box>
  );
}
