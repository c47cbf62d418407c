import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../../support/console-render.js';
import { COLOUR_SGR, controls, expectFits } from '../../support/frame-checks.js';
import { HOSTILE, seedDevices, seedFailure, seedSweep } from '../../support/console-data.js';
import { useTestDatabase } from '../../support/database.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;

describe('console safety: size, colour, hostile text', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const long = 'a'.repeat(60);
    const ids = await seedDevices(db.knex, [
      { hostname: `${long}-1`, status: 'failed', code: 'COMMAND_REJECTED', error: `the device said ${EVIL} and\ttabs\r\nand lines`, daysAgo: 0 },
      { hostname: 'plain-2', status: 'unchanged', daysAgo: 0 },
    ]);
    const sweep = await seedSweep(db.knex, { status: 'failed', total: 2, done: 2, failed: 1, description: `sweep ${EVIL}`, requestedBy: `op${HOSTILE.rtl}erator` });
    await seedFailure(db.knex, sweep, ids.get(`${long}-1`)!, 'COMMAND_REJECTED', `rejected ${EVIL} ${'x'.repeat(200)}`);
    // A running job whose target names a hostile hostname and tag (jsonb: no constraint checks it).
    await db.knex('jobs').insert({ kind: 'retrieval', status: 'running', target: { hostname: `host${EVIL}`, tag: `tag${EVIL}` }, requestedBy: EVIL, progressTotal: 3, progressDone: 1 });
  });

  it('80×24: every frame fits in 80 columns and 23 rows (overview, help, command line)', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures 1');
    await ui.press('?');
    await ui.waitFor('keys of overview');
    await ui.press('escape', ':', ...'overvie'.split(''));
    await ui.waitFor(/^:overvie/m);
    expectFits(ui, 80, 24);
  });

  it('hostile text in a hostname, a tag, an error, a sweep and an operator renders inert', async () => {
    const ui = await renderConsole(db);
    const frame = await ui.waitFor('Recent failures 1');
    for (const raw of ui.frames()) {
      expect(controls(raw)).toEqual([]);
      expect(raw).not.toContain('\x1b]');
      expect(raw).not.toMatch(/\x1b\[[0-9;]*[A-HJKSTfsu]/);
    }
    expect(frame).toContain('evil<U+202E>txt');
    expect(frame).toContain('rejected evil<U+202E>txt');
    expect(frame).toMatch(/host(evil<U+202E>txt)?/);
    expect(frame).not.toContain('ZWNobyBwd25lZA');
  });

  it('NO_COLOR: no colour codes in any frame, the selection in reverse video; with colour there are colour codes', async () => {
    const plain = await renderConsole(db, { colour: false });
    await plain.waitFor('Recent failures 1');
    for (const raw of plain.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    expect(plain.selectedRow()).toContain('COMMAND_REJECTED');
    const coloured = await renderConsole(db, { colour: true });
    await coloured.waitFor('Recent failures 1');
    expect(coloured.rawFrame()).toMatch(COLOUR_SGR);
  });

  it('smaller than 80×24 shows one line asking to enlarge; a resize to 20 columns and back is followed at once', async () => {
    const ui = await renderConsole(db);
    await ui.waitFor('Recent failures 1');
    ui.resize(79, 24);
    let frame = await ui.waitFor('enlarge the terminal');
    expect(frame.trim().split('\n')).toHaveLength(1);
    expect(frame).toContain('(now 79×24)');
    ui.resize(20, 10);
    frame = await ui.waitFor((f) => f.startsWith('enlarge the term') && !f.includes('79'));
    expect(frame.trim().split('\n')).toHaveLength(1);
    expect(stringWidth(frame.trim())).toBeLessThanOrEqual(20);
    ui.resize(80, 24);
    await ui.waitFor((f) => f.includes('Recent failures 1') && !f.includes('enlarge'));
    ui.resize(120, 40);
    frame = await ui.waitFor((f) => f.includes('Recent failures 1') && stringWidth(f.split('\n')[0]!) === 120);
    expectFits({ ...ui, frames: () => [frame] }, 120, 40);
  });
});
