import { beforeAll, describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { seedDevices, seedVersions } from '../../../support/console-data.js';
import { openDevice } from '../../../support/console-navigate.js';
import type { ConsoleHarness } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';

const BASE = Array.from({ length: 200 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}`);
/** Lines 20–34, 100–114 and 170–184 changed: three hunks, each longer than a screen. */
const CHANGED = BASE.map((line, i) => ((i >= 19 && i < 34) || (i >= 99 && i < 114) || (i >= 169 && i < 184) ? `${line} CHANGED` : line));

describe('diff screen keys', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'hunks-01', status: 'changed', daysAgo: 0 }]);
    await seedVersions(db.knex, ids.get('hunks-01')!, [`${BASE.join('\n')}\n`, `${CHANGED.join('\n')}\n`]);
  });

  async function open(): Promise<ConsoleHarness> {
    const ui = await openDevice(db, 'hunks-01');
    await ui.waitFor('first version');
    await ui.press('d');
    await ui.waitFor('hunk 1 of 3');
    return ui;
  }
  const firstRow = (ui: ConsoleHarness) => ui.lastFrame().split('\n')[2] ?? '';

  bindingTest('next-hunk', '] goes to the next hunk (its @@ line on top)', async () => {
    const ui = await open();
    expect(ui.lastFrame()).not.toContain('line 100 CHANGED');
    await ui.press(']');
    await ui.waitFor(() => firstRow(ui).startsWith('@@ -17,21 +17,21 @@'));
    await ui.press(']');
    const frame = await ui.waitFor((f) => firstRow(ui).startsWith('@@ -97,21 +97,21 @@') && f.includes('hunk 2 of 3'));
    expect(frame).toContain('-line 100');
    await ui.press(']');
    await ui.waitFor('hunk 3 of 3');
    expect(firstRow(ui)).toMatch(/^@@ -167,21 \+167,21 @@/);
  });

  bindingTest('previous-hunk', '[ goes back to the previous hunk', async () => {
    const ui = await open();
    await ui.press(']', ']', ']');
    await ui.waitFor('hunk 3 of 3');
    await ui.press('[');
    await ui.waitFor((f) => f.includes('hunk 2 of 3') && firstRow(ui).startsWith('@@ -97,21'));
    await ui.press('[');
    await ui.waitFor((f) => f.includes('hunk 1 of 3') && firstRow(ui).startsWith('@@ -17,21'));
  });
});
