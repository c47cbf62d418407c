import React from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../src/console/console-services.js';
import { ScreenContext } from '../../../src/tui/context/screen.js';
import { VersionScreen } from '../../../src/tui/screens/version-screen.js';
import { HOSTILE, seedDevices, seedVersions } from '../../support/console-data.js';
import { openDevice } from '../../support/console-navigate.js';
import { renderComponent } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';
import { expectFits, expectInert } from '../../support/frame-checks.js';
import { tempKeyring } from '../../support/keyring.js';

const EVIL = `${HOSTILE.osc52}${HOSTILE.cursor}evil${HOSTILE.rtl}txt`;

/** About 5 MB: 100,000 interface lines, a marker near the end. */
function hugeConfiguration(): string {
  const lines = ['hostname huge-01'];
  for (let i = 1; i <= 100_000; i++) lines.push(i === 99_990 ? ' description NEEDLE-NEAR-THE-END' : ` description port ${String(i).padStart(6, '0')} to a patch panel somewhere`);
  return `${lines.join('\n')}\n`;
}

describe('version screen', () => {
  const db = useTestDatabase();
  let services: ConsoleServices;
  let small = '';

  beforeAll(async () => {
    const ids = await seedDevices(db.knex, [{ hostname: 'huge-01', status: 'changed', daysAgo: 0 }, { hostname: 'small-01', status: 'changed', daysAgo: 0 }]);
    await seedVersions(db.knex, ids.get('huge-01')!, [hugeConfiguration()]);
    const text = ['hostname small-01', 'interface Gi1', `\tdescription ${EVIL}`, ' ntp server 10.0.0.1', ...Array.from({ length: 60 }, (_, i) => ` line ${i + 1} ntp`), 'end'].join('\n');
    small = (await seedVersions(db.knex, ids.get('small-01')!, [`${text}\n`]))[0]!;
    services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
  });
  afterAll(async () => {
    await services.close();
  });

  it('a 5 MB configuration opens, scrolls to its end and is searched without freezing (only the visible lines are drawn)', async () => {
    const ui = await openDevice(db, 'huge-01');
    await ui.waitFor('first version');
    const opened = Date.now();
    await ui.press('enter');
    const frame = await ui.waitFor('100,001 lines', 20_000);
    const openMs = Date.now() - opened;
    expect(frame).toMatch(/huge-01 · version [0-9a-f]{8} · .* · 5\.\d MB · 100,001 lines · line 1$/m);
    expect(frame).toContain('hostname huge-01');
    // Generous bound (5x what it takes on a loaded machine): catches a freeze, not a slow run.
    expect(openMs).toBeLessThan(15_000);
    const pressed = Date.now();
    await ui.press('G');
    await ui.waitFor('port 100000 to a patch panel', 5_000);
    await ui.press('pageUp', 'g');
    await ui.waitFor('hostname huge-01', 5_000);
    expect(Date.now() - pressed).toBeLessThan(5_000);
    await ui.press('/', ...'needle-near'.split(''));
    const found = await ui.waitFor('NEEDLE-NEAR-THE-END', 10_000);
    expect(found).toMatch(/match 1 of 1/);
    expectFits(ui, 80, 24);
  });

  it('hostile text in a configuration renders inert; tabs are expanded', async () => {
    const ui = await openDevice(db, 'small-01');
    await ui.waitFor('first version');
    await ui.press('enter');
    const frame = await ui.waitFor('hostname small-01');
    expect(frame).toContain('        description evil<U+202E>txt');
    expect(frame).not.toContain('ZWNobyBwd25lZA');
    expectInert(ui);
  });

  it('opened with { line, find } (as search opens it): scrolled to the first match from that line, the search active', async () => {
    const screen = { entry: { id: 1, name: 'version' as const, params: { configurationId: small, line: '30', find: 'NTP' } }, isTop: true, refreshToken: 0, width: 80, height: 20 };
    const ui = renderComponent(
      <ScreenContext.Provider value={screen}>
        <VersionScreen />
      </ScreenContext.Provider>,
      { services, colour: true },
    );
    // Line 30 is " line 26 ntp": the 27th of 61 lines holding "ntp" (ignoring case), two lines of context above it.
    const frame = await ui.waitFor('match 27 of 61');
    expect(frame.split('\n')[3]).toContain('line 26 ntp');
    expect(ui.rawFrame()).toMatch(/\x1b\[43m\x1b\[30mntp/);
    await ui.press('n');
    await ui.waitFor('match 28 of 61');
  });
});
