import { beforeAll, describe, expect } from 'vitest';
import { openCredential } from '../../../../src/credentials/credential-opening.js';
import { createCredential } from '../../../../src/credentials/credential-service.js';
import { bindingTest } from '../../../support/binding-test.js';
import { renderConsole } from '../../../support/console-render.js';
import { seedDevices } from '../../../support/console-data.js';
import { flipOneCiphertextByte } from '../../../support/credentials.js';
import { useTestDatabase } from '../../../support/database.js';
import { tempKeyring } from '../../../support/keyring.js';
import { changeRecords, openScreen, reverseVideo, selectRow } from '../admin/admin-data.js';

/** The keys of the credentials, keys, schedules and settings screens, and of their forms. */
describe('admin screen keys', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const actor = { name: 'alice@ops', role: 'admin' as const, via: 'local' as const };

  beforeAll(async () => {
    const store = { knex: db.knex, keyring };
    await createCredential(store, { name: 'core-admin', username: 'netops', secret: 'old-secret', enableSecret: 'old-enable', tags: ['core'] });
    await createCredential(store, { name: 'lab-admin', username: 'lab', secret: 'lab-secret', tags: ['lab', 'core'] });
    await seedDevices(db.knex, [
      { hostname: 'core-1', tags: ['core'] },
      { hostname: 'lab-only-1', tags: ['lab'] },
      { hostname: 'lab-only-2', tags: ['lab'] },
    ]);
  });

  bindingTest('add', 'a on credentials opens the add form; its answers become a new credential', async () => {
    const ui = await renderConsole(db, { keyring, actor, columns: 120 });
    await openScreen(ui, 'credentials', 'lab-admin');
    await ui.press('a');
    await ui.waitFor('Add a credential — Enter next, Esc cancels');
    await ui.press(...'edge-admin', 'enter', ...'edge', 'enter', ...'edge', 'enter', '\x7f', '\x7f', '\x7f', ...'20', 'enter', 'enter', ...'edge-pw', 'enter', 'enter');
    await ui.waitFor('credential edge-admin added');
    const row = await db.knex('credentials').where({ name: 'edge-admin' }).first();
    expect(row).toMatchObject({ username: 'edge', priority: 20 });
    expect(openCredential(row, keyring)).toMatchObject({ password: 'edge-pw', enableSecret: null });
  });

  bindingTest('add-schedule', 'a on schedules opens the add form; Esc leaves it without adding', async () => {
    const ui = await renderConsole(db, { keyring });
    await openScreen(ui, 'schedules', 'Schedules 2');
    await ui.press('a');
    await ui.waitFor('Add a schedule');
    await ui.press(...'0 4 * * *');
    await ui.waitFor('✓ At 04:00');
    await ui.press('escape');
    await ui.waitFor((f) => !f.includes('Add a schedule') && f.includes('Schedules 2'));
    expect(await db.knex('jobs').whereNotNull('schedule')).toHaveLength(0);
  });

  bindingTest('edit', 'e edits the highlighted credential: prefilled fields, a new password, the enable secret removed', async () => {
    const ui = await renderConsole(db, { keyring, actor, columns: 120 });
    await openScreen(ui, 'credentials', 'lab-admin');
    await ui.press('e');
    await ui.waitFor('Edit credential core-admin');
    await ui.waitFor(/name\s+core-admin/);
    await ui.press('enter');
    await ui.waitFor(/user\s+netops/);
    await ui.press('\x7f', '\x7f', ...'s2', 'enter', 'enter');
    await ui.waitFor(/login\s+keep the password\s+new password\s+new SSH key file/);
    await ui.press('tab', 'enter', ...'new-secret', 'enter');
    await ui.waitFor(/enable secret\s+keep it\s+new one\s+remove it/);
    await ui.press('r', 'enter');
    await ui.waitFor('credential core-admin changed');
    const row = await db.knex('credentials').where({ name: 'core-admin' }).first();
    expect(openCredential(row, keyring)).toMatchObject({ username: 'netos2', password: 'new-secret', enableSecret: null });
    expect((await changeRecords(db.knex)).at(-1)!.message).toBe('credential "core-admin" changed (user, new password, enable secret removed; user "netos2", password login, priority 100) by alice@ops');
  });

  bindingTest('edit-tags', 't edits the tags of the highlighted credential, prefilled with its tags', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'credentials', 'lab-admin');
    await selectRow(ui, 'lab-admin');
    await ui.press('t');
    await ui.waitFor(/Tags of credential lab-admin/);
    await ui.waitFor(/tags\s+core, lab/);
    await ui.press(...', wan', 'enter');
    await ui.waitFor('credential lab-admin applies to tags core, lab, wan');
    await ui.waitFor(/lab-admin\s+lab\s+password\s+core, lab, wan/);
  });

  bindingTest('remove', 'x on credentials asks first, naming the devices left without a credential; y removes it', async () => {
    const ui = await renderConsole(db, { keyring, columns: 160 });
    await openScreen(ui, 'credentials', 'lab-admin');
    await selectRow(ui, 'lab-admin');
    await ui.press('x');
    await ui.waitFor('Remove the credential "lab-admin" (user lab, password)?');
    expect(ui.lastFrame()).toContain('2 devices would lose their only credential: lab-only-1, lab-only-2');
    await ui.press('enter');
    await ui.waitFor((f) => !f.includes('Remove the credential'));
    expect(await db.knex('credentials').where({ name: 'lab-admin' })).toHaveLength(1);
    await ui.press('x');
    await ui.waitFor('Remove the credential');
    await ui.press('y');
    await ui.waitFor('credential lab-admin removed');
    expect(await db.knex('credentials').where({ name: 'lab-admin' })).toHaveLength(0);
  });

  bindingTest('remove-schedule', 'x on schedules asks first; y removes the highlighted schedule', async () => {
    await db.knex('jobs').insert({ kind: 'retrieval', schedule: '0 6 * * *', target: {}, requestedBy: 'bob@ops' });
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'schedules', 'Schedules 3');
    await selectRow(ui, '0 6');
    await ui.press('x');
    await ui.waitFor('Remove the schedule "0 6 * * *" (At 06:00, all enabled devices)?');
    await ui.press('y');
    await ui.waitFor('Schedules 2');
    expect(await db.knex('jobs').where({ schedule: '0 6 * * *' })).toHaveLength(0);
  });

  bindingTest('rotate-keys', 'R asks for the word rotate, naming how many credentials; then rotates with progress and the backup reminder', async () => {
    const ui = await renderConsole(db, { keyring, columns: 160 });
    await openScreen(ui, 'keys', 'R makes a new key');
    const before = keyring.activeKey().id;
    await ui.press('R');
    await ui.waitFor('Rotate keys: re-seal 2 credentials under a new key?');
    await ui.press(...'rotate', 'enter');
    await ui.waitFor(/re-sealed .* 2\/2 · batch 1\/1/);
    await ui.waitFor(`back up ${keyring.file} now`);
    expect(keyring.activeKey().id).not.toBe(before);
  });

  bindingTest('verify-keys', 'v opens every credential and lists those that do not open', async () => {
    const [row] = await db.knex('credentials').where({ name: 'core-admin' }).select('id', 'secret');
    await db.knex('credentials').where({ id: row.id }).update({ secret: flipOneCiphertextByte(row.secret) });
    const ui = await renderConsole(db, { keyring, columns: 160 });
    await openScreen(ui, 'keys', 'v opens every credential');
    await ui.press('v');
    const frame = await ui.waitFor('verified: 1 of 2 credentials open');
    expect(frame).toMatch(/core-admin\s+CIPHERTEXT_INVALID/);
    await db.knex('credentials').where({ id: row.id }).update({ secret: row.secret });
  });

  bindingTest('edit-setting', 'Enter on settings edits the highlighted setting; Esc leaves it unchanged', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'settings', 'Settings 20');
    await selectRow(ui, 'jobs.max_attempts');
    await ui.press('enter');
    await ui.waitFor('Edit jobs.max_attempts');
    await ui.waitFor(/value\s+3/);
    await ui.press('\x7f', '5', 'enter');
    await ui.waitFor('jobs.max_attempts = 5: applies live');
    expect((await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).first()).value).toBe(5);
    await ui.press('enter', '\x7f', '7', 'escape');
    await ui.waitFor((f) => !f.includes('Edit jobs.max_attempts'));
    expect((await db.knex('system_settings').where({ key: 'jobs.max_attempts' }).first()).value).toBe(5);
  });

  bindingTest('next-choice', 'Tab (and ← →, and the first letter) picks the next choice in a form', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'credentials', 'core-admin');
    await ui.press('a', ...'choice-test', 'enter', ...'u', 'enter', 'enter', 'enter');
    await ui.waitFor(/login\s+password\s+SSH key file/);
    expect(reverseVideo(ui)).toContain('password');
    await ui.press('tab');
    await ui.waitFor(() => reverseVideo(ui).includes('SSH key file'));
    await ui.press('tab');
    await ui.waitFor(() => reverseVideo(ui).includes('password'));
    await ui.press('\x1b[C');
    await ui.waitFor(() => reverseVideo(ui).includes('SSH key file'));
    await ui.press('p');
    await ui.waitFor(() => reverseVideo(ui).includes('password'));
    await ui.press('escape');
    await ui.waitFor((f) => !f.includes('Add a credential'));
  });
});
