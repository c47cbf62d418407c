import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jumpTo } from '../../support/console-keys.js';
import { startLab, type Lab } from '../../support/console-lab.js';
import { renderConsole, type ConsoleHarness } from '../../support/console-render.js';
import { useTestDatabase } from '../../support/database.js';

/** Configurations stored by the retrieval service for three simulated Arista switches. */
describe('search screen', () => {
  const db = useTestDatabase();
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab(db.knex, { devices: 3, prefix: 'ss' });
    await lab.sweep({ kind: 'all' });
  });
  afterAll(() => lab.close());

  async function searchScreen(colour = false): Promise<ConsoleHarness> {
    const ui = await renderConsole(db, { colour });
    await ui.waitFor('Recent failures');
    await jumpTo(ui, 'search');
    await ui.waitFor('type what to look for');
    return ui;
  }

  it('opens typing; results are the hostname and its matching lines with line numbers, the match highlighted', async () => {
    const ui = await searchScreen(true);
    await ui.press(...'10.0.0.53'.split(''), 'enter');
    const frame = await ui.waitFor('3 configurations, 3 lines for "10.0.0.53"');
    const content = (await db.knex('device_configurations as c').join('devices as d', 'd.id', 'c.device_id').where('d.hostname', 'ss-0002').first('c.content')) as { content: string };
    const number = content.content.split('\n').findIndex((l) => l.includes('10.0.0.53')) + 1;
    expect(frame).toMatch(new RegExp(`^ss-0002 +${number} ip name-server vrf default 10\\.0\\.0\\.53$`, 'm'));
    // Black on yellow: the match role, on the matched text only.
    expect(ui.rawFrame()).toMatch(/default (\x1b\[[0-9;]*m)+10\.0\.0\.53\x1b\[/);
    expect(frame).toContain('words · latest versions');
  });

  it('NO_COLOR: the match is in reverse video, no colour anywhere', async () => {
    const ui = await searchScreen(false);
    await ui.press(...'aristaRO'.split(''), 'enter');
    await ui.waitFor('3 configurations');
    expect(ui.rawFrame()).toMatch(/community \x1b\[7maristaRO\x1b\[27m ro/);
    for (const raw of ui.frames()) expect(raw).not.toMatch(/\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])m/);
  });

  it('bad input: regex and SQL characters are looked for literally; text over the limit is refused in one line', async () => {
    const ui = await searchScreen();
    let typed = '';
    for (const text of ['.*', "'; DROP TABLE device_configurations; --", '%_\\']) {
      // / keeps the text searched last: Backspace it away first.
      if (typed) await ui.press('/', ...Array.from(typed, () => '\x7f'));
      await ui.press(...text.split(''), 'enter');
      await ui.waitFor(`0 configurations, 0 lines for "${text}"`);
      typed = text;
    }
    expect(await db.knex('device_configurations').count('* as n').first()).toEqual({ n: '3' });
    // 1,001 characters pasted at once (one chunk, as a terminal delivers a paste).
    await ui.press('/', 'x'.repeat(1_001), 'enter');
    let frame = await ui.waitFor('INPUT_INVALID: search text is');
    expect(frame).toMatch(/characters long; at most 1000 are accepted/);
    expect(frame.split('\n').filter((l) => l.includes('INPUT_INVALID'))).toHaveLength(1);
    // The console goes on: Esc leaves the field, and another search screen works.
    await ui.press('escape', 'escape');
    await ui.waitFor((f) => f.includes('Recent failures'));
    await jumpTo(ui, 'search');
    await ui.press(...'aristaRO'.split(''), 'enter');
    frame = await ui.waitFor('3 configurations, 3 lines for "aristaRO"');
    expect(frame).not.toContain('INPUT_INVALID');
  }, 60_000);

  it('keys pressed while a search is slow: typing goes on, and only the newest search is shown', async () => {
    const ui = await searchScreen();
    const search = ui.services.searchConfigurations.bind(ui.services);
    let calls = 0;
    ui.services.searchConfigurations = async (text, request) => {
      calls += 1;
      // The first search is the slowest: it must not overwrite the second.
      await new Promise((resolve) => setTimeout(resolve, calls === 1 ? 2_500 : 500));
      return search(text, request);
    };
    await ui.press(...'aristaRO'.split(''), 'enter');
    await ui.waitFor('searching');
    await ui.press('/');
    await ui.press(...Array.from('aristaRO', () => '\x7f'));
    await ui.press(...'10.1.0.1/31'.split(''));
    await ui.waitFor('search: 10.1.0.1/31');
    await ui.press('enter');
    let frame = await ui.waitFor('for "10.1.0.1/31"', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    frame = ui.lastFrame();
    expect(frame).toContain('3 configurations, 3 lines for "10.1.0.1/31"');
    expect(frame).not.toContain('aristaRO');
    expect(ui.errors).toEqual([]);
  }, 30_000);
});
