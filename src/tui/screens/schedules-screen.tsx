/**
 * schedules: every recurring retrieval with its cron in words and its next three fire times;
 * the system ones follow their settings. `a` adds one (the cron is checked as it is typed,
 * the minimum interval included; an optional tag), `x` removes the highlighted one after a
 * confirmation. Live: a change from any process shows at once.
 */
import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import React, { useState } from 'react';
import type { ScheduleRow } from '../../console/schedule-actions.js';
import { Form } from '../components/form.js';
import { SafeText } from '../components/safe-text.js';
import { Table, type Column } from '../components/table.js';
import { useBanner } from '../context/banner.js';
import { useOverlay } from '../context/overlay.js';
import { useScreen } from '../context/screen.js';
import { useTheme } from '../context/theme.js';
import { ago } from '../format.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useScheduleActions, useSchedules } from '../hooks/use-schedules.js';
import { useCommands } from '../keys/keymap.js';

const DETAIL_ROWS = 2;

/** "11-29 02:00": month-day and local time, short enough for three in a row. */
export function fireTime(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

function shortScope(row: ScheduleRow): string {
  if (row.scope === 'retention purge') return 'purge';
  return row.tag ? `tag ${row.tag}` : 'all devices';
}

const COLUMNS: ReadonlyArray<Column<ScheduleRow>> = [
  { header: 'cron', width: 14, value: (r) => r.cron },
  { header: 'when', width: 'grow', value: (r) => r.words },
  { header: 'retrieves', width: 12, value: shortScope },
  { header: 'next three', width: 35, value: (r) => r.next.map(fireTime).join(' ') },
];

function Detail({ row, width }: { row: ScheduleRow | undefined; width: number }): React.JSX.Element {
  if (!row) return <Box height={DETAIL_ROWS} />;
  const source = row.system ? `follows the setting ${row.system} (change it on the settings screen)` : `added by ${row.requestedBy ?? 'unknown'}`;
  return (
    <Box flexDirection="column" width={width} height={DETAIL_ROWS}>
      <SafeText text={`${row.words} (${row.cron}): ${row.scope}`} />
      <SafeText text={`${source} · last run ${ago(row.lastTick)}${row.id ? ` · id ${row.id}` : ' · no daemon has armed it yet'}`} role="muted" />
    </Box>
  );
}

export function SchedulesScreen(): React.JSX.Element {
  const { width, height, isTop } = useScreen();
  const theme = useTheme();
  const banner = useBanner();
  const overlay = useOverlay();
  const { data, refresh } = useSchedules();
  const actions = useScheduleActions();
  const [adding, setAdding] = useState(false);
  const rows = data ?? [];
  const tableHeight = Math.max(2, height - 1 - DETAIL_ROWS);
  const cursor = useListCursor(rows.length, tableHeight - 1, isTop && !adding);
  const current = rows[cursor.selected];

  const remove = (row: ScheduleRow) => {
    if (row.system || !row.id) return banner.show('error', `this schedule follows the setting ${row.system ?? '?'}: change it on the settings screen`);
    const id = row.id;
    overlay.confirm({
      question: `Remove the schedule "${row.cron}" (${row.words}, ${row.scope})?`,
      detail: 'its past runs stay in the job history; a run in progress carries on',
      onYes: () =>
        void actions.removeSchedule(id).then(
          (removed) => banner.show('notice', `schedule "${removed.cron}" (${removed.scope}) removed`),
          (err: unknown) => banner.showError(err),
        ).finally(refresh),
    });
  };
  useCommands(['schedules'], { 'add-schedule': () => setAdding(true), 'remove-schedule': () => void (rows[cursor.now()] && remove(rows[cursor.now()]!)) }, { isActive: isTop && !adding });

  const add = (cron: string, tag: string) => {
    void actions
      .addSchedule({ cron, tag: tag || undefined })
      .then(
        (row) => banner.show('notice', `schedule "${row.cron}" added: ${row.words}, ${row.scope}`),
        (err: unknown) => banner.showError(err),
      )
      .finally(() => {
        setAdding(false);
        refresh();
      });
  };

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.style('title')} wrap="truncate-end">
        Schedules {rows.length} <Text {...theme.style('muted')}>· fired by the daemon holding the scheduler lock · local time</Text>
      </Text>
      {adding ? (
        <Box height={tableHeight}>
          <Form
            title="Add a schedule"
            width={width}
            steps={() => [
              {
                kind: 'text',
                id: 'cron',
                label: 'cron',
                hint: 'minute hour day-of-month month day-of-week, e.g. 0 */6 * * * (6 fields: seconds first)',
                checkAsYouType: true,
                check: async (text) => {
                  const ok = await actions.checkCron(text);
                  return { value: ok.cron, info: `${ok.words} · next ${ok.next.map(fireTime).join(', ')}` };
                },
              },
              { kind: 'text', id: 'tag', label: 'tag', hint: 'only devices with this tag; Enter alone: every enabled device' },
            ]}
            onCancel={() => setAdding(false)}
            onSubmit={(answers) => add(answers.cron ?? '', answers.tag ?? '')}
          />
        </Box>
      ) : data ? (
        <Table columns={COLUMNS} rows={rows} rowKey={(r) => r.id ?? r.system ?? r.cron} selected={cursor.selected} focused={isTop} width={width} height={tableHeight} empty="no schedules" />
      ) : (
        <Box height={tableHeight}>
          <Spinner label="reading the schedules…" />
        </Box>
      )}
      <Detail row={adding ? undefined : current} width={width} />
    </Box>
  );
}
