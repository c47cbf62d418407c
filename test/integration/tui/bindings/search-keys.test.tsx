import React from 'react';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../../src/console/console-services.js';
import { NavigationContext, type Navigation, type ScreenEntry } from '../../../../src/tui/context/navigation.js';
import { ScreenContext } from '../../../../src/tui/context/screen.js';
import { SearchScreen } from '../../../../src/tui/screens/search-screen.js';
import { bindingTest } from '../../../support/binding-test.js';
import { jumpTo } from '../../../support/console-keys.js';
import { startLab, type Lab } from '../../../support/console-lab.js';
import { renderComponent, renderConsole, type ConsoleHarness } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../../support/device-simulator/index.js';
import { tempKeyring } from '../../../support/keyring.js';

/**
 * The search screen's keys, over configurations the retrieval service stored for simulated
 * switches: sk-0001 was first retrieved with 40 padding interfaces ("description host N"),
 * then without, so that text is only in its older version.
 */
describe('search keys', () => {
  const db = useTestDatabase();
  let lab: Lab;
  let padded: SimulatedDevice;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 2, prefix: 'sk' });
    padded = await startSimulatedDevice({ driver: 'arista_eos', enableSecret: 'enable-pass', hostname: 'sk-0001', configBytes: 4_000 });
    await db.knex('devices').where({ hostname: 'sk-0001' }).update({ port: padded.port });
    await lab.sweep({ kind: 'hostnames', hostnames: ['sk-0001'] });
    await db.knex('devices').where({ hostname: 'sk-0001' }).update({ port: lab.fleet.devices[0]!.port });
    await lab.sweep({ kind: 'all' });
  });
  afterAll(async () => {
    await padded.close();
    await lab.close();
  });

  async function searchFor(text: string): Promise<ConsoleHarness> {
    const ui = await renderConsole(db, { colour: true });
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'search');
    await ui.press(...text.split(''));
    await ui.waitFor(`search: ${text}`);
    await ui.press('enter');
    await ui.waitFor(new RegExp(`configurations, \\d+ lines for "${text}"`));
    return ui;
  }

  bindingTest('search-history', "Tab searches every stored version (a line only an older version has), and back to each device's latest", async () => {
    const ui = await searchFor('description host 1');
    expect(ui.lastFrame()).toContain('0 configurations, 0 lines for "description host 1"');
    await ui.press('tab');
    let frame = await ui.waitFor(/1 configurations, \d+ lines for "description host 1"/);
    expect(frame).toContain('words · every version');
    expect(frame).toMatch(/^sk-0001 \d{4}-\d\d-\d\d +\d+ +description host 1$/m);
    await ui.press('tab');
    frame = await ui.waitFor('0 configurations, 0 lines for "description host 1"');
    expect(frame).toContain('words · latest versions');
  });

  bindingTest('search-substring', 's matches inside words too (a fragment found only that way), and back', async () => {
    const ui = await searchFor('istaR');
    expect(ui.lastFrame()).toContain('0 configurations');
    await ui.press('s');
    const frame = await ui.waitFor('2 configurations, 2 lines for "istaR"');
    expect(frame).toContain('substring · latest versions');
    expect(frame).toMatch(/^sk-0001 +\d+ snmp-server community aristaRO ro$/m);
    // The match is highlighted (the match role), inside the word.
    expect(ui.rawFrame()).toMatch(/ar\x1b\[[0-9;]*m[^\n]*istaR/);
    await ui.press('s');
    await ui.waitFor((f) => f.includes('words · latest versions') && f.includes('0 configurations'));
  });

  bindingTest('edit-search', '/ goes back to typing (the text kept, the results shown until Enter), Enter searches the new text', async () => {
    const ui = await searchFor('aristaRO');
    expect(ui.lastFrame()).toContain('2 configurations, 2 lines for "aristaRO"');
    await ui.press('/');
    await ui.press(...' r'.split(''));
    let frame = await ui.waitFor('search: aristaRO r');
    expect(frame).toContain('2 configurations, 2 lines for "aristaRO"');
    await ui.press('enter');
    frame = await ui.waitFor('for "aristaRO r"');
    expect(frame).toMatch(/^sk-0002 +\d+ snmp-server community aristaRO ro$/m);
    // Typed faster than the console reads (one chunk): the s after / is the field's, not substring mode.
    await ui.press('/\x7f\x7f snmp-server\r');
    frame = await ui.waitFor('for "aristaRO snmp-server"');
    expect(frame).toContain('words · latest versions');
  });

  bindingTest('open-match', 'Enter opens the version at the highlighted line: version { configurationId, line, find }', async () => {
    const services: ConsoleServices = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: tempKeyring() });
    try {
      const pushed: Array<{ name: string; params: Record<string, string> }> = [];
      const entry: ScreenEntry = { id: 1, name: 'search', params: {} };
      const navigation: Navigation = { stack: [entry], push: (name, params = {}) => void pushed.push({ name, params }), back: () => false, jump: () => undefined };
      const ui = renderComponent(
        <NavigationContext.Provider value={navigation}>
          <ScreenContext.Provider value={{ entry, isTop: true, refreshToken: 0, width: 80, height: 20 }}>
            <SearchScreen />
          </ScreenContext.Provider>
        </NavigationContext.Provider>,
        { services },
      );
      await ui.press(...'aristaRO'.split(''), 'enter');
      await ui.waitFor('2 configurations, 2 lines');
      await ui.press('j', 'enter');
      const until = Date.now() + 5_000;
      while (pushed.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      const latest = (await db.knex('device_configurations as c').join('devices as d', 'd.id', 'c.device_id').where('d.hostname', 'sk-0002').orderBy('c.retrieved_at', 'desc').first('c.id', 'c.content')) as { id: string; content: string };
      const line = latest.content.split('\n').findIndex((l) => l.includes('aristaRO')) + 1;
      expect(pushed).toEqual([{ name: 'version', params: { configurationId: latest.id, line: String(line), find: 'aristaRO' } }]);
      // In the console itself: the version screen, at the matching line with the search active; q comes back to the results.
      const app = await searchFor('aristaRO');
      await app.press('enter');
      const shown = await app.waitFor(/\/aristaRO {2}match 1 of \d+/);
      expect(shown).toContain('│ version │');
      expect(shown).toMatch(/snmp-server community aristaRO/);
      await app.press('q');
      await app.waitFor('2 configurations, 2 lines for "aristaRO"');
      // j and Enter in one chunk (typed in one breath): the match below is opened, not the one highlighted before j.
      await app.press('j\r');
      await app.waitFor(/^sk-0002 · version /m);
    } finally {
      await services.close();
    }
  });
});
