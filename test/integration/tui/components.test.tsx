import { Box, Text } from 'ink';
import React, { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import type { DeviceRow } from '../../../src/console/device-list-actions.js';
import { Confirm } from '../../../src/tui/components/confirm.js';
import { DiffView } from '../../../src/tui/components/diff-view.js';
import { ErrorBoundary } from '../../../src/tui/components/error-boundary.js';
import { MaskedInput, SECRET_MARK } from '../../../src/tui/components/masked-input.js';
import { NO_FILTER } from '../../../src/db/queries/device-filter.js';
import { Table } from '../../../src/tui/components/table.js';
import { TextView } from '../../../src/tui/components/text-view.js';
import { useKeysetRows } from '../../../src/tui/hooks/use-keyset-rows.js';
import { useTextScroll } from '../../../src/tui/hooks/use-text-scroll.js';
import { renderComponent } from '../../support/console-render.js';
import { HOSTILE } from '../../support/console-data.js';
import { useTestDatabase } from '../../support/database.js';
import { tempKeyring } from '../../support/keyring.js';

const LIMITS = { slice: 50, capacity: 200 };

function DeviceList({ height }: { height: number }): React.JSX.Element {
  const list = useKeysetRows((services, request) => services.devicePage({ filter: NO_FILTER, sort: 'hostname' }, request), { pageRows: height - 1, isActive: true, limits: LIMITS });
  return (
    <Box flexDirection="column">
      <Text>held {list.rows.length}</Text>
      <Table<DeviceRow> columns={[{ header: 'HOSTNAME', width: 'grow', value: (d) => d.hostname }]} rows={list.rows} rowKey={(d) => d.id} selected={list.selected} focused width={80} height={height} />
    </Box>
  );
}

describe('components', () => {
  const db = useTestDatabase();
  let services: ConsoleServices;

  beforeAll(async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ hostname: `dev-${String(i).padStart(4, '0')}`, ipAddress: '192.0.2.1', deviceType: 'cisco_ios' }));
    for (let i = 0; i < rows.length; i += 500) await db.knex('devices').insert(rows.slice(i, i + 500));
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
  });
  afterAll(async () => {
    await services.close();
  });

  it('a keyset-paged table renders only its window, reads slices both ways and holds at most its capacity', async () => {
    const ui = renderComponent(<DeviceList height={10} />, { services });
    await ui.waitFor('dev-0008');
    expect(ui.selectedRow()).toContain('dev-0000');
    expect(ui.lastFrame()).not.toContain('dev-0009');
    await ui.press('G');
    await ui.waitFor(() => ui.selectedRow()?.includes('dev-0999') === true);
    expect(ui.lastFrame()).toContain('held 50');
    // Paging up across slice edges: the next slice is read before the selection gets there
    // (or the selection waits at the edge for it), so paging goes on.
    const row = () => Number(/dev-(\d{4})/.exec(ui.selectedRow() ?? '')?.[1] ?? -1);
    for (let i = 0; i < 40 && row() > 903; i++) await ui.press('pageUp');
    expect(row()).toBeLessThanOrEqual(903);
    expect(Number(/held (\d+)/.exec(ui.lastFrame())![1])).toBeGreaterThan(50);
    await ui.press('g');
    await ui.waitFor(() => ui.selectedRow()?.includes('dev-0000') === true);
    for (let i = 0; i < 80 && row() < 320; i++) await ui.press('ctrlD');
    expect(row()).toBeGreaterThanOrEqual(320);
    const held = Number(/held (\d+)/.exec(ui.lastFrame())![1]);
    expect(held).toBeLessThanOrEqual(200);
    expect(ui.lastFrame().split('\n').filter((l) => l.startsWith('dev-'))).toHaveLength(9);
  }, 60_000);

  it('a text view shows its window only: tabs expanded, hostile text inert, scrolled by the text keys', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i}\tafter-tab ${i === 3 ? `${HOSTILE.osc52}${HOSTILE.cursor}${HOSTILE.rtl}x` : ''}`);
    function Viewer(): React.JSX.Element {
      const { top } = useTextScroll(lines.length, 5, true);
      return <TextView lines={lines} top={top} width={80} height={5} lineNumbers />;
    }
    const ui = renderComponent(<Viewer />);
    const frame = await ui.waitFor('line 4');
    expect(frame).toContain('  1 line 0  after-tab');
    expect(frame).toContain('<U+202E>x');
    expect(ui.rawFrame()).not.toContain('\x1b]');
    expect(frame).not.toContain('line 5');
    await ui.press('G');
    await ui.waitFor('line 499');
    await ui.press('k');
    await ui.waitFor((f) => f.includes('line 494') && !f.includes('line 499'));
  });

  it('a diff view colours additions, removals and hunk headers (plain without colour)', async () => {
    const diff = ['--- a', '+++ b', '@@ -1,2 +1,2 @@', ' hostname core', '-snmp old', '+snmp new'];
    const coloured = renderComponent(<DiffView lines={diff} top={0} width={80} height={6} />, { colour: true });
    await coloured.waitFor('+snmp new');
    expect(coloured.rawFrame()).toMatch(/\x1b\[32m\+snmp new/);
    expect(coloured.rawFrame()).toMatch(/\x1b\[31m-snmp old/);
    expect(coloured.rawFrame()).toMatch(/\x1b\[36m@@ -1,2 \+1,2 @@/);
    const plain = renderComponent(<DiffView lines={diff} top={0} width={80} height={6} />, { colour: false });
    await plain.waitFor('+snmp new');
    expect(plain.rawFrame()).not.toMatch(/\x1b\[3[0-9]m/);
  });

  it('a masked input shows neither the secret nor its length, and hands it over on Enter (also when pasted)', async () => {
    const received: string[] = [];
    function Secret(): React.JSX.Element {
      const [open, setOpen] = useState(true);
      return open ? <MaskedInput label="secret:" onSubmit={(s) => { received.push(s); setOpen(false); }} onCancel={() => setOpen(false)} /> : <Text>closed</Text>;
    }
    const ui = renderComponent(<Secret />);
    await ui.waitFor('secret: type it: nothing is shown');
    await ui.press('s');
    const one = await ui.waitFor(`secret: ${SECRET_MARK}`);
    await ui.press('3', 'c', 'r', 'E', 't', ' ', 'w0rd-pasted', '\x1b[D', '\x1b[D');
    await ui.waitFor(() => ui.frames().length > 4);
    // One character or eighteen: the same frame.
    expect(ui.lastFrame()).toBe(one);
    await ui.press('enter');
    await ui.waitFor('closed');
    expect(received).toEqual(['s3crEt w0rd-pasted']);
    for (const frame of ui.frames()) {
      expect(frame).not.toMatch(/s3cr|w0rd/);
      expect(frame).not.toMatch(/\*{2,}|18/);
    }
  });

  it('a typed confirmation refuses a wrong word and goes ahead with the right one', async () => {
    const answers: string[] = [];
    function Ask(): React.JSX.Element {
      const [open, setOpen] = useState(true);
      return open ? <Confirm request={{ question: 'Rotate 3 credentials to a new key?', typeToConfirm: 'rotate', onYes: () => answers.push('yes'), onNo: () => answers.push('no') }} width={80} onDone={() => setOpen(false)} /> : <Text>done</Text>;
    }
    const ui = renderComponent(<Ask />);
    await ui.waitFor('type rotate and Enter to go ahead');
    await ui.press('y', 'enter');
    await ui.waitFor('"y" is not rotate');
    expect(answers).toEqual([]);
    for (let i = 0; i < 1; i++) await ui.press('\x7f');
    await ui.press(...'rotate'.split(''), 'enter');
    await ui.waitFor('done');
    expect(answers).toEqual(['yes']);
  });

  it('a screen that throws while rendering shows one line (no source excerpt) and hands the error to the log', async () => {
    const logged: unknown[] = [];
    function Broken(): React.JSX.Element {
      throw Object.assign(new Error(`cannot draw ${HOSTILE.cursor}this`), { code: 'INTERNAL' });
    }
    const ui = renderComponent(
      <ErrorBoundary onError={(err) => logged.push(err)} resetKey={0}>
        <Broken />
      </ErrorBoundary>,
    );
    const frame = await ui.waitFor('this screen failed');
    expect(frame.trim()).toMatch(/^this screen failed: INTERNAL: cannot draw this \(Ctrl-r tries again, Esc goes ba/);
    expect(frame).not.toMatch(/components\.test|\bat\b.*:\d+:\d+/);
    expect(logged).toHaveLength(1);
  });
});
