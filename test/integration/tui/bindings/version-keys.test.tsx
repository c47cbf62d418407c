import { beforeAll, describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { seedDevices, seedVersions } from '../../../support/console-data.js';
import { openDevice } from '../../../support/console-navigate.js';
import type { ConsoleHarness } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';

/** 120 lines; "ntp" on lines 5, 50 and 110 (one in upper case); line 60 is 200 characters long. */
const TEXT = Array.from({ length: 120 }, (_, i) => {
  const n = i + 1;
  if (n === 5) return 'ntp server 10.0.0.1';
  if (n === 50) return 'NTP source Loopback0';
  if (n === 110) return 'ntp server 10.0.0.2';
  if (n === 60) return `banner ${'x'.repeat(150)} END-OF-LONG-LINE`;
  return `line ${n}`;
}).join('\n');

describe('version screen keys', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'text-01', status: 'changed', daysAgo: 0 }]);
    await seedVersions(db.knex, ids.get('text-01')!, [`${TEXT}\n`]);
  });

  async function open(): Promise<ConsoleHarness> {
    const ui = await openDevice(db, 'text-01');
    await ui.waitFor('first version');
    await ui.press('enter');
    await ui.waitFor('120 lines');
    return ui;
  }
  /** The first text row under the title. */
  const firstRow = (ui: ConsoleHarness) => ui.lastFrame().split('\n')[2] ?? '';

  bindingTest('find-in-text', '/ searches as you type, ignoring case, from where the view is; Enter keeps it, Esc clears it', async () => {
    const ui = await open();
    await ui.press('/', ...'NTP s'.split(''));
    let frame = await ui.waitFor('match 1 of 3');
    expect(frame).toContain('ntp server 10.0.0.1');
    await ui.press(...'ource'.split(''));
    frame = await ui.waitFor('match 1 of 1');
    expect(frame).toContain('NTP source Loopback0');
    await ui.press('enter');
    await ui.waitFor('/NTP source  match 1 of 1  (n next, N previous)');
    await ui.press('/', 'escape');
    await ui.waitFor('/ searches · # line numbers · w wrap');
    // Regex characters are characters.
    await ui.press('/', ...'.*'.split(''));
    await ui.waitFor('no match');
  });

  bindingTest('next-match', 'n (and ]) go to the next match, wrapping round', async () => {
    const ui = await open();
    await ui.press('/', ...'ntp'.split(''), 'enter');
    await ui.waitFor('match 1 of 3');
    await ui.press('n');
    await ui.waitFor((f) => f.includes('match 2 of 3') && firstRow(ui).includes('line 48'));
    await ui.press(']');
    await ui.waitFor('match 3 of 3');
    await ui.press('n');
    await ui.waitFor('match 1 of 3');
  });

  bindingTest('previous-match', 'N (and [) go to the previous match, wrapping round', async () => {
    const ui = await open();
    await ui.press('/', ...'ntp'.split(''), 'enter');
    await ui.waitFor('match 1 of 3');
    await ui.press('N');
    await ui.waitFor('match 3 of 3');
    await ui.press('[');
    await ui.waitFor('match 2 of 3');
  });

  bindingTest('line-numbers', '# shows line numbers in a gutter, and hides them again', async () => {
    const ui = await open();
    expect(firstRow(ui)).toBe('line 1');
    await ui.press('#');
    await ui.waitFor(() => firstRow(ui).startsWith('  1 line 1'));
    await ui.press('#');
    await ui.waitFor(() => firstRow(ui) === 'line 1');
  });

  bindingTest('wrap-lines', 'w wraps long lines instead of cutting them, and cuts them again', async () => {
    const ui = await open();
    await ui.press('/', ...'banner'.split(''), 'enter');
    let frame = await ui.waitFor('banner xxx');
    expect(frame).not.toContain('END-OF-LONG-LINE');
    await ui.press('w');
    frame = await ui.waitFor('END-OF-LONG-LINE');
    await ui.press('w');
    await ui.waitFor((f) => !f.includes('END-OF-LONG-LINE'));
  });
});
