import { ProgressBar } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React from 'react';
import { useTheme } from '../context/theme.js';
import { count } from '../format.js';

/** A progress bar `width` columns wide with "done/total" and the failures after it. */
export function Progress({ done, total, failed = 0, width }: { done: number; total: number; failed?: number; width: number }): React.JSX.Element {
  const theme = useTheme();
  const label = `${count(done)}/${count(total)}`;
  const failures = failed > 0 ? ` ${count(failed)} failed` : '';
  const bar = Math.max(4, width - label.length - failures.length - 1);
  return (
    <Box width={width}>
      <Box width={bar}>
        <ProgressBar value={total > 0 ? (done / total) * 100 : 0} />
      </Box>
      <Text> {label}</Text>
      {failed > 0 ? <Text {...theme.style('failed')}>{failures}</Text> : null}
    </Box>
  );
}
