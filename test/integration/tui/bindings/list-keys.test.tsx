import { beforeAll, describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { renderConsole, type ConsoleHarness } from '../../../support/console-render.js';
import { seedDevices, seedFailure, seedSweep } from '../../../support/console-data.js';
import { useTestDatabase } from '../../../support/database.js';

/** Movement keys on the overview's lists: 12 recent failures (10 shown, 6 rows visible at 80×24), two running jobs. */
describe('list keys (overview panes)', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const names = Array.from({ length: 12 }, (_, i) => `fail-${String(i + 1).padStart(2, '0')}`);
    const ids = await seedDevices(db.knex, names.map((hostname) => ({ hostname, status: 'failed', code: 'TIMEOUT', error: 'silent', daysAgo: 0 })));
    const sweep = await seedSweep(db.knex, { status: 'failed', total: 12, done: 12, failed: 12, description: 'all enabled devices' });
    // Created one after the other: the newest (fail-12) comes first.
    for (const name of names) await seedFailure(db.knex, sweep, ids.get(name)!, 'TIMEOUT', `${name} did not answer`);
    await seedSweep(db.knex, { status: 'running', total: 5, done: 1, failed: 0, description: 'job one' });
    await seedSweep(db.knex, { status: 'running', total: 5, done: 2, failed: 0, description: 'job two' });
  });

  async function open(): Promise<ConsoleHarness> {
    const ui = await renderConsole(db);
    await ui.waitFor('fail-12');
    return ui;
  }
  const selected = (ui: ConsoleHarness) => ui.selectedRow() ?? '';

  bindingTest('move-down', '↓ and j move the selection down one row', async () => {
    const ui = await open();
    expect(selected(ui)).toContain('fail-12');
    await ui.press('down');
    await ui.waitFor(() => selected(ui).includes('fail-11'));
    await ui.press('j');
    await ui.waitFor(() => selected(ui).includes('fail-10'));
  });

  bindingTest('move-up', '↑ and k move the selection up one row, not above the first', async () => {
    const ui = await open();
    await ui.press('j', 'j');
    await ui.waitFor(() => selected(ui).includes('fail-10'));
    await ui.press('up');
    await ui.waitFor(() => selected(ui).includes('fail-11'));
    await ui.press('k', 'k');
    await ui.waitFor(() => selected(ui).includes('fail-12'));
  });

  bindingTest('bottom', 'G goes to the last row and the window scrolls to show it', async () => {
    const ui = await open();
    expect(ui.lastFrame()).not.toContain('fail-03');
    await ui.press('G');
    await ui.waitFor(() => selected(ui).includes('fail-03'));
    expect(ui.lastFrame()).not.toContain('fail-12');
  });

  bindingTest('top', 'g goes back to the first row', async () => {
    const ui = await open();
    await ui.press('G');
    await ui.waitFor(() => selected(ui).includes('fail-03'));
    await ui.press('g');
    await ui.waitFor(() => selected(ui).includes('fail-12'));
  });

  bindingTest('page-down', 'PgDn and Ctrl-d move one page down', async () => {
    const ui = await open();
    await ui.press('pageDown');
    const first = await ui.waitFor(() => !selected(ui).includes('fail-12'));
    expect(first).toBeTruthy();
    const after = selected(ui);
    expect(after).toMatch(/fail-0[5-9]/);
    await ui.press('ctrlD');
    await ui.waitFor(() => selected(ui).includes('fail-03'));
  });

  bindingTest('page-up', 'PgUp and Ctrl-u move one page up', async () => {
    const ui = await open();
    await ui.press('G');
    await ui.waitFor(() => selected(ui).includes('fail-03'));
    await ui.press('pageUp');
    await ui.waitFor(() => /fail-0[6-9]|fail-1[01]/.test(selected(ui)));
    await ui.press('ctrlU');
    await ui.waitFor(() => selected(ui).includes('fail-12'));
  });

  bindingTest('next-pane', 'Tab moves the focus between running jobs and recent failures; the keys follow it', async () => {
    const ui = await open();
    expect(ui.lastFrame()).toContain('▸ Recent failures');
    await ui.press('tab');
    await ui.waitFor('▸ Running jobs 2');
    expect(selected(ui)).toContain('job one');
    await ui.press('j');
    await ui.waitFor(() => selected(ui).includes('job two'));
    await ui.press('tab');
    await ui.waitFor(() => ui.lastFrame().includes('▸ Recent failures') && selected(ui).includes('fail-12'));
  });
});
