/**
 * version: one stored configuration (`{ configurationId, line?, find? }`), any size: only the
 * visible lines are drawn. `/` searches as you type (as typed, ignoring case; matches shown in
 * the match colour), n / N go from match to match, # shows line numbers, w wraps long lines.
 * Opened with `line` it starts there; with `find`, with that search active.
 */
import { Box, Text } from 'ink';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LineInput } from '../components/line-input.js';
import { SafeText } from '../components/safe-text.js';
import { TextView } from '../components/text-view.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { bytes, count, dateTime } from '../format.js';
import { useConfiguration } from '../hooks/use-configuration.js';
import { useInlineInput } from '../hooks/use-inline-input.js';
import { useTextScroll } from '../hooks/use-text-scroll.js';
import { useTextSearch } from '../hooks/use-text-search.js';
import { useCommands } from '../keys/keymap.js';

/** Lines of context above a match scrolled to. */
const CONTEXT = 2;

export function VersionScreen(): React.JSX.Element {
  const { entry } = useScreen();
  const configurationId = entry.params.configurationId;
  if (!configurationId) return <SafeText text="open a version from a device (Enter on its history) or from a search" role="muted" />;
  return <Version configurationId={configurationId} line={Number(entry.params.line) || 1} find={entry.params.find ?? ''} />;
}

function Version({ configurationId, line, find }: { configurationId: string; line: number; find: string }): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const { data } = useConfiguration(configurationId);
  const lines = useMemo(() => {
    const all = data ? data.content.split('\n') : [];
    if (all.length > 1 && all[all.length - 1] === '') all.pop();
    return all;
  }, [data]);
  const [current, setCurrent] = useState<number | undefined>(undefined);
  const origin = useRef(0);
  // Incremental: once the matches of what is typed so far are known, to the first one from where the search began.
  const jump = useRef(false);
  const [term, setTerm] = useState(find);
  const input = useInlineInput(isTop, {
    onSubmit: (typed) => void setTerm(typed),
    onCancel: () => {
      setTerm('');
      setCurrent(undefined);
    },
    onChange: () => void (jump.current = true),
  });
  const editing = input.isOpen;
  const editor = input.editor;
  const [numbers, setNumbers] = useState(false);
  const [wrap, setWrap] = useState(false);
  const textHeight = Math.max(1, height - 2);
  const scroll = useTextScroll(lines.length, textHeight, isTop);
  const live = editing ? editor.value : term;
  const search = useTextSearch(lines, live);

  const show = (match: number | undefined) => {
    setCurrent(match);
    if (match !== undefined) scroll.scrollTo(match - CONTEXT);
  };
  // Opened at a line (and a search): once the text is there.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || lines.length === 0) return;
    opened.current = true;
    if (find) show(search.from(line - 1));
    else scroll.scrollTo(line - 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines]);

  useLayoutEffect(() => {
    if (!jump.current) return;
    jump.current = false;
    show(search.from(origin.current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  useCommands(
    ['version'],
    {
      'find-in-text': () => {
        origin.current = scroll.top;
        input.open(term);
      },
      'next-match': () => show(search.next(current ?? scroll.top - 1)),
      'previous-match': () => show(search.previous(current ?? scroll.top)),
      'line-numbers': () => setNumbers((n) => !n),
      'wrap-lines': () => setWrap((w) => !w),
    },
    { isActive: isTop },
  );

  if (!data) return <SafeText text="reading the configuration…" role="muted" />;
  const position = search.matches.length === 0 ? (live ? 'no match' : '') : `match ${current === undefined ? '–' : search.matches.indexOf(current) + 1} of ${count(search.matches.length)}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText text={`${data.hostname} · version ${data.id.slice(0, 8)} · ${dateTime(data.retrievedAt)} · ${bytes(data.sizeBytes)} · ${count(lines.length)} lines · line ${count(scroll.top + 1)}`} role="title" />
      <TextView lines={lines} top={scroll.top} width={width} height={textHeight} lineNumbers={numbers} wrap={wrap} highlight={live} />
      <Box width={width} height={1}>
        {editing ? (
          <>
            <Text {...theme.style('key')}>/ </Text>
            <Box width={Math.max(10, width - 24)}>
              <LineInput editor={editor} />
            </Box>
            <Text {...theme.style('muted')}> {position}</Text>
          </>
        ) : (
          <SafeText text={term ? `/${term}  ${position}  (n next, N previous)` : '/ searches · # line numbers · w wrap'} role="muted" />
        )}
      </Box>
    </Box>
  );
}
