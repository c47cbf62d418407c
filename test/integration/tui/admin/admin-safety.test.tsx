import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../../../src/credentials/credential-service.js';
import { renderConsole, stripSgr, type ConsoleHarness } from '../../../support/console-render.js';
import { seedDevices } from '../../../support/console-data.js';
import { useTestDatabase } from '../../../support/database.js';
import { tempKeyring } from '../../../support/keyring.js';
import { ed25519Key } from '../../../support/private-keys.js';
import { EVIL, expectInert, insertRawCredential, openScreen, selectRow } from './admin-data.js';
import { SETTINGS } from '../../../../src/config/settings.js';

/** SGR codes that set a colour (fg, bg, bright, 256/true colour); bold, dim and reverse video are not colour. */
const COLOUR_SGR = /\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

function expectFits(ui: ConsoleHarness, columns: number, rows: number): void {
  expect(ui.frames().length).toBeGreaterThan(10);
  for (const frame of ui.frames()) {
    const lines = stripSgr(frame).split('\n');
    expect(lines.length, frame).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  }
}

/** Every admin screen, with its form or question open: what a test of size and colour walks through. */
async function walk(ui: ConsoleHarness): Promise<void> {
  await openScreen(ui, 'credentials', 'core-admin');
  await ui.press('a', ...'x'.repeat(120), 'enter');
  await ui.waitFor('INPUT_INVALID: credential name');
  await ui.press('escape', 'x');
  await ui.waitFor('Remove the credential');
  await ui.press('n', ':', ...'keys', 'enter');
  await ui.waitFor('R makes a new key');
  await ui.press('R');
  await ui.waitFor('type rotate');
  await ui.press(...'rotate', 'enter');
  await ui.waitFor('back up');
  await ui.press('v');
  await ui.waitFor('verified:');
  await ui.press(':', ...'schedules', 'enter');
  await ui.waitFor('Schedules 3');
  await ui.press('a', ...'*/1 * * * *');
  await ui.waitFor('SCHEDULE_TOO_FREQUENT');
  await ui.press('escape', ':', ...'settings', 'enter');
  await ui.waitFor(`Settings ${Object.keys(SETTINGS).length}`);
  await ui.press('enter', 'x');
  await ui.waitFor('SETTINGS_INVALID');
  await ui.press('escape', '?');
  await ui.waitFor('keys of settings');
}

describe('admin screens: size, colour, hostile text', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();

  beforeAll(async () => {
    const store = { knex: db.knex, keyring };
    await createCredential(store, { name: 'core-admin', username: 'netops', secret: 'pw-1', tags: ['core'] });
    await createCredential(store, { name: 'k'.repeat(100), username: 'u'.repeat(200), privateKey: ed25519Key().privateKey, tags: ['a'.repeat(64), 'core'] });
    await seedDevices(db.knex, [{ hostname: 'core-1', tags: ['core'] }]);
    await db.knex('jobs').insert({ kind: 'retrieval', schedule: '0 5 * * *', target: { tag: `t${EVIL}` }, requestedBy: `op${EVIL}` });
    await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).update({ description: `attempts ${EVIL}` });
  });

  it('80×24: every frame of every admin screen, form and question fits in 80 columns and 23 rows', async () => {
    const ui = await renderConsole(db, { keyring });
    await walk(ui);
    expectFits(ui, 80, 24);
  }, 60_000);

  it('NO_COLOR: no colour codes in any frame, the selection in reverse video; with colour there are colour codes', async () => {
    const plain = await renderConsole(db, { keyring, colour: false });
    await walk(plain);
    for (const raw of plain.frames()) expect(raw).not.toMatch(COLOUR_SGR);
    await plain.press('escape', ':', ...'credentials', 'enter');
    await plain.waitFor('core-admin');
    expect(plain.selectedRow()).toMatch(/^core-admin\s+netops/);
    const coloured = await renderConsole(db, { keyring, colour: true });
    await openScreen(coloured, 'keys', 'R makes a new key');
    expect(coloured.rawFrame()).toMatch(COLOUR_SGR);
  }, 60_000);

  it('hostile text in a credential name, a schedule tag and a setting description renders inert on every screen', async () => {
    await insertRawCredential(db.knex, `bad-${EVIL}`, keyring.activeKey().id);
    const ui = await renderConsole(db, { keyring, columns: 160 });
    await openScreen(ui, 'credentials', 'bad-evil<U+202E>txt');
    await openScreen(ui, 'schedules', 'tag tevil<U…');
    await openScreen(ui, 'settings', `Settings ${Object.keys(SETTINGS).length}`);
    await selectRow(ui, 'jobs.max_attempts');
    await ui.waitFor('jobs.max_attempts: attempts evil<U+202E>txt');
    expectInert(ui);
  }, 60_000);
});
