/**
 * devices: every device, a window at a time from the database (100,000 scroll like 10).
 * `/` filters as you type, `s` changes the order, space marks, `r` retrieves the marked devices
 * or the highlighted one, `R` every enabled device the filter shows (after a question naming how
 * many), Enter opens a device. A retrieval started here is followed in the row under the list,
 * and the rows are read again as its devices finish.
 */
import { Box } from 'ink';
import React, { useMemo, useRef, useState } from 'react';
import { NO_FILTER, parseDeviceFilter, type DeviceFilter } from '../../console/device-filter-text.js';
import { DEVICE_SORTS, type DeviceSort } from '../../console/device-list-actions.js';
import { Table } from '../components/table.js';
import { useBanner } from '../context/banner.js';
import { useNavigation } from '../context/navigation.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { plural } from '../format.js';
import { useDeviceCount } from '../hooks/use-device-count.js';
import { useDeviceList } from '../hooks/use-device-list.js';
import { useInlineInput } from '../hooks/use-inline-input.js';
import { useRetrieval } from '../hooks/use-retrieval.js';
import { useCommands } from '../keys/keymap.js';
import { deviceColumns } from './devices/device-columns.js';
import { DevicesTitle } from './devices/devices-title.js';
import { RetrievalStrip } from './retrieval/retrieval-strip.js';

/** Rows of the list are read again at most this often while a retrieval started here progresses (ms). */
const REFRESH_MS = 1_000;

export function DevicesScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const navigation = useNavigation();
  const overlay = useOverlay();
  const banner = useBanner();
  const [applied, setApplied] = useState('');
  const input = useInlineInput(isTop, {
    onSubmit: (typed) => {
      if (parseDeviceFilter(typed).problem !== null) return false;
      setApplied(typed.trim());
    },
    onCancel: () => setApplied(''),
  });
  const editing = input.isOpen;
  const editor = input.editor;
  const [sort, setSort] = useState<DeviceSort>('hostname');
  const [marked, setMarked] = useState<ReadonlyMap<string, string>>(new Map());
  const retrieval = useRetrieval();

  // The list follows the filter as it is typed; a filter with a mistake keeps the last good one.
  const text = editing ? editor.value : applied;
  const parsed = useMemo(() => parseDeviceFilter(text), [text]);
  const good = useRef<{ text: string; filter: DeviceFilter }>({ text: '', filter: NO_FILTER });
  if (parsed.filter !== null) good.current = { text, filter: parsed.filter };
  const filterKey = JSON.stringify(good.current.filter);
  const view = useMemo(() => ({ filter: good.current.filter, sort }), [filterKey, sort]);

  const tableHeight = Math.max(2, height - 1 - (retrieval.followed ? 1 : 0));
  const list = useDeviceList(view, `${sort}|${filterKey}`, tableHeight - 1, isTop);
  const shown = useDeviceCount(good.current.filter, filterKey);
  // The count of an earlier filter is neither shown nor acted on while the present one's is read.
  const counted = shown.current ? shown.data : undefined;
  const lastRefresh = useRef(0);

  // Esc clears an applied filter before it goes back.
  useCommands(['global'], { back: () => (applied ? (setApplied(''), true) : false) }, { isActive: isTop });
  useCommands(
    ['devices'],
    {
      'filter-devices': () => input.open(applied),
      'sort-devices': () => setSort((s) => DEVICE_SORTS[(DEVICE_SORTS.indexOf(s) + 1) % DEVICE_SORTS.length]!),
      mark: () => {
        const row = list.current;
        if (!row) return;
        setMarked((m) => {
          const next = new Map(m);
          if (next.has(row.id)) next.delete(row.id);
          else next.set(row.id, row.hostname);
          return next;
        });
      },
      retrieve: () => {
        const hostnames = [...marked.values()];
        if (hostnames.length === 0 && !list.current) return;
        const what = hostnames.length > 0 ? `${plural(hostnames.length, 'marked device')}` : list.current!.hostname;
        void retrieval.start({ kind: 'hostnames', hostnames: hostnames.length > 0 ? hostnames : [list.current!.hostname] }, what).then((ok) => ok && setMarked(new Map()));
      },
      'retrieve-all': () => {
        if (!counted) return void banner.show('notice', 'still counting the devices the filter shows: press R again in a moment');
        if (counted.enabled === 0) return void banner.show('error', `no enabled device ${good.current.text ? `matches ${JSON.stringify(good.current.text)}` : 'to retrieve'}`);
        const disabled = counted.devices - counted.enabled;
        const filterText = good.current.text;
        overlay.confirm({
          question: `Retrieve ${plural(counted.enabled, 'device')}: every enabled device ${filterText ? `matching ${JSON.stringify(filterText)}` : 'there is'}?`,
          detail: disabled > 0 ? `${plural(disabled, 'disabled device')} ${disabled === 1 ? 'is' : 'are'} left out` : 'queued for the daemons when one is alive, else run in this console',
          onYes: () => void retrieval.start({ kind: 'filter', filter: good.current.filter, text: filterText }, `${plural(counted.enabled, 'device')}${filterText ? ` matching ${JSON.stringify(filterText)}` : ''}`),
        });
      },
      'retrieval-log': () => retrieval.openLog(),
      'open-device': () => {
        if (list.current) navigation.push('device', { deviceId: list.current.id });
      },
    },
    { isActive: isTop },
  );

  const now = new Date();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <DevicesTitle width={width} shown={counted?.devices} filterText={good.current.text} sort={sort} marked={marked.size} editing={editing ? { editor, problem: parsed.problem } : null} />
      <Table
        columns={deviceColumns(width, marked, now)}
        rows={list.rows}
        rowKey={(d) => d.id}
        selected={list.selected}
        focused={isTop}
        width={width}
        height={tableHeight}
        empty={list.loading ? '  reading…' : good.current.text ? '  no device matches the filter (Esc clears it)' : '  no devices yet: netraven devices add, or devices import FILE.csv'}
      />
      {retrieval.followed ? (
        <RetrievalStrip
          key={retrieval.followed.jobId}
          retrieval={retrieval.followed}
          width={width}
          onProgress={(progress) => {
            if (!progress.finished && Date.now() - lastRefresh.current < REFRESH_MS) return;
            lastRefresh.current = Date.now();
            list.refresh();
            shown.refresh();
          }}
        />
      ) : null}
    </Box>
  );
}
