import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, seedDevices, seedVersions } from '../../support/console-data.js';
import { openDevice } from '../../support/console-navigate.js';
import { useTestDatabase } from '../../support/database.js';
import { COLOUR_SGR, expectFits, expectInert } from '../../support/frame-checks.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;
const BASE = Array.from({ length: 100 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}`);
/** Three separate changes: three hunks. */
const CHANGED = BASE.map((line, i) => (i === 9 ? 'line 010 changed' : i === 49 ? `line 050 ${EVIL}` : line)).concat('line 101 added');

describe('diff screen', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'diff-01', status: 'changed', daysAgo: 0 }]);
    await seedVersions(db.knex, ids.get('diff-01')!, [`${BASE.join('\n')}\n`, `${CHANGED.join('\n')}\n`]);
  });

  it('d on the newest version: the coloured unified diff against the one before, with its counts and hunks, in 80×24', async () => {
    const ui = await openDevice(db, 'diff-01', { colour: true });
    await ui.waitFor('first version');
    await ui.press('d');
    const frame = await ui.waitFor('hunk 1 of 3');
    expect(frame).toMatch(/^diff-01 · \+3 −2 · hunk 1 of 3 · [0-9a-f]{8} \(\d{4}-\d\d-\d\d \d\d:\d\d\) → [0-9a-f]{8} \(/m);
    expect(frame).toMatch(/^--- diff-01@[0-9a-f]{8}/m);
    expect(frame).toMatch(/^\+\+\+ diff-01@[0-9a-f]{8}/m);
    expect(frame).toContain('@@ -7,7 +7,7 @@');
    const raw = ui.rawFrame().split('\n');
    expect(raw.find((l) => l.includes('-line 010'))).toMatch(/\x1b\[31m-line 010/);
    expect(raw.find((l) => l.includes('+line 010 changed'))).toMatch(/\x1b\[32m\+line 010 changed/);
    expect(raw.find((l) => l.includes('@@ -7,7'))).toMatch(/\x1b\[36m@@/);
    expectFits(ui, 80, 24);
  });

  it('NO_COLOR: plain text with + and - markers; hostile text in the diff is inert', async () => {
    const ui = await openDevice(db, 'diff-01', { colour: false });
    await ui.waitFor('first version');
    await ui.press('d');
    await ui.waitFor('hunk 1 of 3');
    await ui.press('G');
    const frame = await ui.waitFor('+line 101 added');
    expect(frame).toContain('-line 050');
    expect(frame).toContain('+line 050 evil<U+202E>txt');
    for (const raw of ui.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    expectInert(ui);
  });

  it(':diff without versions says how to open one', async () => {
    const ui = await openDevice(db, 'diff-01');
    await ui.press(':', ...'diff'.split(''), 'enter');
    await ui.waitFor('open a diff from a device');
  });
});
