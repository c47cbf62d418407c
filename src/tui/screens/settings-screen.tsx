/**
 * settings: every setting with its value, default and whether a change applies live (running
 * daemons pick it up within seconds) or needs a restart; the highlighted one's description and
 * rule below. Enter edits it: the value is checked as it is typed, an invalid one shows why (the
 * rule stays in view) and is not stored. Live: a change from anywhere shows at once.
 */
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import type { SettingRow } from '../../console/setting-actions.js';
import { Form } from '../components/form.js';
import { SafeText } from '../components/safe-text.js';
import { Table, type Column } from '../components/table.js';
import { useBanner } from '../context/banner.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { ago } from '../format.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useSettingActions, useSettings } from '../hooks/use-settings.js';
import { useCommands } from '../keys/keymap.js';

const DETAIL_ROWS = 3;

function applies(row: SettingRow): string {
  return row.effect === null ? 'unknown' : row.effect === 'live' ? 'live' : 'restart';
}

const COLUMNS: ReadonlyArray<Column<SettingRow>> = [
  { header: 'setting', width: 34, value: (r) => r.key },
  { header: 'value', width: 'grow', value: (r) => r.value, role: (r) => (r.invalid ? 'failed' : r.value !== r.default ? 'warn' : undefined) },
  { header: 'default', width: 12, value: (r) => r.default },
  { header: 'applies', width: 7, value: applies, role: (r) => (r.effect === 'restart' ? 'warn' : undefined) },
];

function Detail({ row, width }: { row: SettingRow | undefined; width: number }): React.JSX.Element {
  if (!row) return <Box height={DETAIL_ROWS} />;
  const when = row.effect === null ? 'not known to this version of NetRaven (read only here)' : row.effect === 'live' ? 'a change applies live: running daemons pick it up within seconds' : 'restart needed: running daemons and consoles use a change when they restart; new commands at once';
  const stored = row.invalid ? `stored value refused (${row.invalid}); the default applies` : row.stored ? `stored, changed ${ago(row.updatedAt)}` : 'not stored: the default applies';
  return (
    <Box flexDirection="column" width={width} height={DETAIL_ROWS}>
      <SafeText text={`${row.key}: ${row.description}`} />
      <SafeText text={`rule: ${row.rule || '—'}`} role="label" />
      <SafeText text={`${when} · ${stored}`} role={row.invalid ? 'failed' : 'muted'} />
    </Box>
  );
}

export function SettingsScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const banner = useBanner();
  const { data, refresh } = useSettings();
  const actions = useSettingActions();
  const [editing, setEditing] = useState<SettingRow | null>(null);
  const rows = data ?? [];
  const tableHeight = Math.max(2, height - 1 - DETAIL_ROWS);
  const cursor = useListCursor(rows.length, tableHeight - 1, isTop && editing === null);
  const current = editing ?? rows[cursor.selected];

  useCommands(
    ['settings'],
    {
      'edit-setting': () => {
        const setting = rows[cursor.now()];
        if (!setting) return;
        if (setting.effect === null) return banner.show('error', `${setting.key} is not known to this version of NetRaven: it cannot be changed here`);
        setEditing(setting);
      },
    },
    { isActive: isTop && editing === null },
  );

  const save = (key: string, text: string) => {
    void actions
      .setSettingValue(key, text)
      .then(
        (row) => banner.show('notice', row.effect === 'restart' ? `${key} = ${row.value}: running daemons and consoles use it when they restart` : `${key} = ${row.value}: applies live`),
        (err: unknown) => banner.showError(err),
      )
      .finally(() => {
        setEditing(null);
        refresh();
      });
  };

  if (!data) return <Spinner label="reading the settings…" />;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.style('title')} wrap="truncate-end">
        Settings {rows.length} <Text {...theme.style('muted')}>· live: daemons apply a change within seconds · restart: when they restart</Text>
      </Text>
      {editing ? (
        <Box height={tableHeight}>
          <Form
            title={`Edit ${editing.key}`}
            width={width}
            steps={() => [
              {
                kind: 'text',
                id: 'value',
                label: 'value',
                initial: editing.value,
                hint: `default ${editing.default}`,
                checkAsYouType: true,
                check: async (text) => ({ value: await actions.checkSettingValue(editing.key, text), info: `valid (${editing.effect === 'live' ? 'applies live' : 'restart needed'})` }),
              },
            ]}
            onCancel={() => setEditing(null)}
            onSubmit={(answers) => save(editing.key, answers.value ?? '')}
          />
        </Box>
      ) : (
        <Table columns={COLUMNS} rows={rows} rowKey={(r) => r.key} selected={cursor.selected} focused={isTop} width={width} height={tableHeight} empty="no settings" />
      )}
      <Detail row={current} width={width} />
    </Box>
  );
}
