/** The devices screen's first row: what is shown (count, filter, sort, marks), or the filter being typed. */
import { Box, Text } from 'ink';
import React from 'react';
import type { DeviceSort } from '../../../console/device-list-actions.js';
import { LineInput } from '../../components/line-input.js';
import { SafeText } from '../../components/safe-text.js';
import { useTheme } from '../../context/theme.js';
import { count } from '../../format.js';
import type { LineEditor } from '../../hooks/use-line-editor.js';

const SORT_WORDS: Record<DeviceSort, string> = { hostname: 'hostname', 'last-retrieval': 'last retrieval', result: 'result' };

export interface DevicesTitleProps {
  width: number;
  shown: number | undefined;
  filterText: string;
  sort: DeviceSort;
  marked: number;
  /** The filter being typed, and what is wrong with it (null: nothing). */
  editing: { editor: LineEditor; problem: string | null } | null;
}

export function DevicesTitle({ width, shown, filterText, sort, marked, editing }: DevicesTitleProps): React.JSX.Element {
  const theme = useTheme();
  if (editing) {
    return (
      <Box width={width} height={1}>
        <Text {...theme.style('key')}>/ </Text>
        <Box width={Math.max(10, Math.floor(width / 2))}>
          <LineInput editor={editing.editor} />
        </Box>
        <Box width={Math.max(0, width - Math.max(10, Math.floor(width / 2)) - 2)}>
          {editing.problem ? <SafeText text={` ${editing.problem}`} role="failed" /> : <Text {...theme.style('muted')} wrap="truncate-end"> tag:X type:X status:failed|ok|never|stale, a prefix or a network</Text>}
        </Box>
      </Box>
    );
  }
  const what = shown === undefined ? 'Devices …' : `Devices ${count(shown)}`;
  const filter = filterText ? ` matching ${JSON.stringify(filterText)}` : '';
  const marks = marked > 0 ? ` · ${count(marked)} marked` : '';
  return (
    <Box width={width} height={1}>
      <SafeText text={`${what}${filter} · sort: ${SORT_WORDS[sort]}${marks}`} role="title" />
    </Box>
  );
}
