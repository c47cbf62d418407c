/**
 * device: one device (opened from devices with `{ deviceId }`). Upper pane: identity, tags,
 * host keys (a changed one in red), the credentials that apply (which one last worked), the
 * last result and its error in full; lower pane: the configuration history, newest first.
 * Tab moves between them. Enter shows a version, d diffs (the highlighted one against the one
 * before it, or the two marked), r retrieves now, H trusts a changed host key after a question
 * that shows both fingerprints.
 */
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { SafeText } from '../components/safe-text.js';
import { Table } from '../components/table.js';
import { TextView } from '../components/text-view.js';
import { useBanner } from '../context/banner.js';
import { useNavigation } from '../context/navigation.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { count } from '../format.js';
import { useAcceptHostKey } from '../hooks/use-accept-host-key.js';
import { useDevice } from '../hooks/use-device.js';
import { useRetrieval } from '../hooks/use-retrieval.js';
import { useTextScroll } from '../hooks/use-text-scroll.js';
import { useVersionHistory } from '../hooks/use-version-history.js';
import { useCommands } from '../keys/keymap.js';
import { detailLines } from './device/device-details.js';
import { versionColumns } from './device/version-columns.js';
import { RetrievalStrip } from './retrieval/retrieval-strip.js';

export function DeviceScreen(): React.JSX.Element {
  const { entry, width, height } = useScreen();
  const deviceId = entry.params.deviceId;
  if (!deviceId) return <SafeText text="open a device from the devices screen: :devices, then Enter on a row" role="muted" />;
  return <Device deviceId={deviceId} width={width} height={height} />;
}

function Device({ deviceId, width, height }: { deviceId: string; width: number; height: number }): React.JSX.Element {
  const { isTop } = useScreen();
  const theme = useTheme();
  const navigation = useNavigation();
  const overlay = useOverlay();
  const banner = useBanner();
  const [pane, setPane] = useState<'details' | 'history'>('history');
  const [reread, setReread] = useState(0);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const retrieval = useRetrieval();
  const { data } = useDevice(deviceId, reread);
  const accept = useAcceptHostKey(() => setReread((n) => n + 1));

  const now = new Date();
  const details = data ? detailLines(data, width, now) : [];
  const stripRows = retrieval.followed ? 1 : 0;
  const detailsHeight = Math.max(3, Math.min(details.length, Math.floor((height - stripRows) / 2)));
  const historyHeight = Math.max(3, height - detailsHeight - stripRows - 1);
  const scroll = useTextScroll(details.length, detailsHeight, isTop && pane === 'details');
  const history = useVersionHistory(deviceId, historyHeight - 1, isTop && pane === 'history');

  const acceptHostKey = () => {
    const device = data?.device;
    if (!device) return;
    if (!device.presentedHostKeyFingerprint) {
      return void banner.show('error', `${device.hostname} presented no other host key: nothing to accept (its last retrieval did not fail with HOST_KEY_MISMATCH)`);
    }
    const change = { trusted: device.hostKeyFingerprint, presented: device.presentedHostKeyFingerprint };
    overlay.confirm({
      question: `Trust the new host key of ${device.hostname}? Only if the device was replaced or re-keyed.`,
      detail: [`old ${change.trusted ?? 'none'}`, `new ${change.presented}`, 'otherwise someone may be impersonating it: no credential was sent to it'],
      onYes: () => accept(deviceId, change),
    });
  };

  useCommands(['panes'], { 'next-pane': () => setPane((p) => (p === 'details' ? 'history' : 'details')) }, { isActive: isTop });
  useCommands(
    ['device'],
    {
      mark: () => {
        const current = history.current;
        if (!current) return;
        if (!marked.has(current.id) && marked.size >= 2) return void banner.show('notice', 'two versions are marked already: unmark one (space) first');
        setMarked((m) => {
          const next = new Set(m);
          if (next.has(current.id)) next.delete(current.id);
          else next.add(current.id);
          return next;
        });
      },
      'open-version': () => {
        if (history.current) navigation.push('version', { configurationId: history.current.id });
      },
      diff: () => {
        if (marked.size === 2) {
          const [fromId, toId] = [...marked];
          return navigation.push('diff', { fromId: fromId!, toId: toId! });
        }
        const current = history.current;
        if (!current) return;
        if (current.first) return void banner.show('error', `version ${current.id.slice(0, 8)} is the first stored: nothing before it to compare with (mark two versions to compare others)`);
        navigation.push('diff', { toId: current.id });
      },
      retrieve: () => {
        if (data) void retrieval.start({ kind: 'hostnames', hostnames: [data.device.hostname] }, data.device.hostname);
      },
      'accept-host-key': acceptHostKey,
      'retrieval-log': () => retrieval.openLog(),
    },
    { isActive: isTop },
  );

  if (!data) return <SafeText text="reading the device…" role="muted" />;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TextView lines={details.map((d) => d.text)} top={scroll.top} width={width} height={detailsHeight} lineRole={(_line, i) => details[i]?.role} />
      <Text {...theme.style('title')} wrap="truncate-end">
        {pane === 'history' ? '▸ ' : '  '}History {count(data.device.versions)} version{data.device.versions === 1 ? '' : 's'}
        {marked.size > 0 ? ` · ${marked.size} marked` : ''}
        {pane === 'details' ? ' (Tab: history)' : ''}
      </Text>
      <Table
        columns={versionColumns(marked)}
        rows={history.rows}
        rowKey={(v) => v.id}
        selected={history.selected}
        focused={isTop && pane === 'history'}
        width={width}
        height={historyHeight}
        empty={history.loading ? '  reading…' : '  no stored configuration yet: r retrieves it now'}
      />
      {retrieval.followed ? (
        <RetrievalStrip
          key={retrieval.followed.jobId}
          retrieval={retrieval.followed}
          width={width}
          onProgress={(progress) => {
            if (progress.finished) {
              setReread((n) => n + 1);
              history.refresh();
            }
          }}
        />
      ) : null}
    </Box>
  );
}
