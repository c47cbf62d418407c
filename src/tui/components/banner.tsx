import { Box, Text } from 'ink';
import React from 'react';
import { useBannerMessage } from '../context/banner.js';
import { useTheme } from '../context/theme.js';

/** The line above the footer: empty, or the current error or notice (always one line, already sanitised). */
export function Banner({ width }: { width: number }): React.JSX.Element {
  const message = useBannerMessage();
  const theme = useTheme();
  return (
    <Box width={width} height={1}>
      {message ? (
        <Text {...theme.style(message.kind === 'error' ? 'bannerError' : 'bannerNotice')} wrap="truncate-end">
          {` ${message.text} `}
        </Text>
      ) : (
        <Text> </Text>
      )}
    </Box>
  );
}
