/**
 * search: configuration search (the search service, with its input limits) across each
 * device's latest version; Tab searches every version, `s` matches inside words too. Results
 * are the hostname and its matching lines with the match highlighted; Enter opens that
 * version at the line (the `version` screen, with the text to find). `/` types a new search;
 * the screen opens typing.
 */
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useRef, useState } from 'react';
import { LineInput } from '../components/line-input.js';
import { SafeText } from '../components/safe-text.js';
import { useNavigation } from '../context/navigation.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { useConfigSearch } from '../hooks/use-config-search.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useCommands } from '../keys/keymap.js';
import { count } from '../format.js';
import { resultRows, SearchResults } from './search/search-results.js';

export function SearchScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const navigation = useNavigation();
  const search = useConfigSearch();
  const editor = useLineEditor();
  const [editing, setEditingState] = useState(true);
  // Asked at each key: typing right after / reaches the field, not the screen's commands (s, Tab).
  const editingNow = useRef(true);
  const setEditing = (value: boolean) => {
    editingNow.current = value;
    setEditingState(value);
  };
  const [history, setHistory] = useState(false);
  const [substring, setSubstring] = useState(false);
  const rows = resultRows(search.result);
  const listHeight = Math.max(1, height - 2);
  const cursor = useListCursor(rows.length, listHeight, isTop && !editing);

  const again = (next: { history: boolean; substring: boolean }) => {
    setHistory(next.history);
    setSubstring(next.substring);
    if (search.text.trim()) search.search(search.text, next);
  };
  const submit = () => {
    if (!editingNow.current) return false;
    if (!editor.current().trim()) return true;
    setEditing(false);
    cursor.select(0);
    search.search(editor.current(), { history, substring });
  };
  useCommands(
    ['search'],
    {
      'search-history': () => again({ history: !history, substring }),
      'search-substring': () => again({ history, substring: !substring }),
      'edit-search': () => setEditing(true),
      'open-match': () => {
        const match = rows[cursor.now()];
        if (match) navigation.push('version', { configurationId: match.configurationId, line: String(match.number), find: search.text });
      },
    },
    { isActive: isTop && !editing },
  );
  // Typing: Enter searches, Esc leaves the field (and the screen when there is nothing to show), Tab still toggles history.
  useCommands(
    ['input', 'search'],
    {
      submit,
      back: () => (editingNow.current && (search.result || search.error) ? setEditing(false) : false),
      'search-history': () => (editingNow.current ? again({ history: !history, substring }) : false),
    },
    { isActive: isTop, kind: 'input', capturesText: () => editingNow.current, onText: editor.onText },
  );

  const mode = `${substring ? 'substring' : 'words'} · ${history ? 'every version' : 'latest versions'}`;
  const result = search.result;
  const summary = search.running
    ? null
    : search.error
      ? search.error
      : result
        ? `${count(result.matches.length)}${result.matches.length >= result.limit ? '+' : ''} configurations, ${count(rows.length)} lines${result.matches.length >= result.limit ? ` (the first ${result.limit})` : ''} for "${search.text}"`
        : 'type what to look for and Enter (IP addresses, interfaces, names: from the start of a word; s matches inside words)';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width}>
        <Text {...theme.style('key')}>search: </Text>
        {editing ? <LineInput editor={editor} /> : <SafeText text={search.text} />}
        <Text {...theme.style('muted')} wrap="truncate-end">{`  ${mode}`}</Text>
      </Box>
      {search.running ? <Spinner label={`searching (${mode})… keys still work`} /> : <SafeText text={summary ?? ''} role={search.error ? 'failed' : 'muted'} />}
      <SearchResults rows={rows} selected={cursor.selected} focused={isTop && !editing} find={search.text} history={search.request.history} width={width} height={listHeight} />
    </Box>
  );
}
