/**
 * diff: the unified diff of two versions of a device (`{ toId, fromId? }`; without fromId,
 * against the version stored before toId), coloured by the theme (NO_COLOR: the + and -
 * markers alone), drawn a window at a time. ] and [ jump from hunk to hunk.
 */
import { Box } from 'ink';
import React, { useMemo, useState } from 'react';
import { DiffView, hunkStarts } from '../components/diff-view.js';
import { SafeText } from '../components/safe-text.js';
import { useScreen } from '../context/screen.js';
import { count, dateTime } from '../format.js';
import { useConfigurationDiff } from '../hooks/use-configuration-diff.js';
import { useTextScroll } from '../hooks/use-text-scroll.js';
import { useCommands } from '../keys/keymap.js';

export function DiffScreen(): React.JSX.Element {
  const { entry } = useScreen();
  const toId = entry.params.toId;
  if (!toId) return <SafeText text="open a diff from a device: d on a version, or on two marked versions" role="muted" />;
  return <Diff toId={toId} fromId={entry.params.fromId} />;
}

/** The + and − lines of a diff (file headers excluded). */
export function diffCounts(lines: readonly string[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.startsWith('+') && !line.startsWith('+++ ')) added += 1;
    else if (line.startsWith('-') && !line.startsWith('--- ')) removed += 1;
  }
  return { added, removed };
}

function Diff({ toId, fromId }: { toId: string; fromId: string | undefined }): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const { data } = useConfigurationDiff(toId, fromId);
  const lines = useMemo(() => data?.lines ?? [], [data]);
  const hunks = useMemo(() => hunkStarts(lines), [lines]);
  const counts = useMemo(() => diffCounts(lines), [lines]);
  const textHeight = Math.max(1, height - 1);
  const scroll = useTextScroll(lines.length, textHeight, isTop);
  // The hunk jumped to last, while it is on screen (near the end it cannot be the top row).
  const [jumped, setJumped] = useState(-1);
  const onScreen = jumped >= 0 && hunks[jumped]! >= scroll.top && hunks[jumped]! < scroll.top + textHeight;
  const position = onScreen ? hunks[jumped]! : scroll.top;
  const go = (index: number) => {
    if (index < 0 || index >= hunks.length) return;
    setJumped(index);
    scroll.scrollTo(hunks[index]!);
  };
  useCommands(
    ['diff'],
    {
      'next-hunk': () => go(hunks.findIndex((h) => h > position)),
      'previous-hunk': () => go(hunks.findLastIndex((h) => h < position)),
    },
    { isActive: isTop },
  );

  if (!data) return <SafeText text="comparing the two versions…" role="muted" />;
  // Above the first hunk (the file headers) the first one is what is on screen.
  const hunk = onScreen ? jumped + 1 : Math.max(Math.min(1, hunks.length), hunks.filter((h) => h <= scroll.top).length);
  // What changes as one scrolls comes first: a narrow terminal cuts the dates (the file headers hold them too).
  const title = `${data.hostname} · +${count(counts.added)} −${count(counts.removed)} · hunk ${hunk} of ${hunks.length} · ${data.from.id.slice(0, 8)} (${dateTime(data.from.retrievedAt)}) → ${data.to.id.slice(0, 8)} (${dateTime(data.to.retrievedAt)})`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText text={title} role="title" />
      {lines.length === 0 ? <SafeText text="the two versions are identical" role="muted" /> : <DiffView lines={lines} top={scroll.top} width={width} height={textHeight} />}
    </Box>
  );
}
