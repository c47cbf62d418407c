import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../../../src/config/settings-store.js';
import { generateKey, withActiveKey } from '../../../../src/credentials/keyring.js';
import { renderConsole } from '../../../support/console-render.js';
import { addCredentials, expectAllOpen, flipOneCiphertextByte, type KnownSecrets } from '../../../support/credentials.js';
import { useTestDatabase } from '../../../support/database.js';
import { tempKeyring } from '../../../support/keyring.js';
import { openScreen } from './admin-data.js';

describe('keys screen', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let known: KnownSecrets;

  beforeAll(async () => {
    known = await addCredentials(db.knex, keyring, 9);
    await setSetting(db.knex, 'keys.rotation_batch_size', 4);
  });

  it('shows the keyring, the active key (the database\'s too) and the credentials it seals', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120 });
    const frame = await openScreen(ui, 'keys', 'keys were never rotated here');
    expect(frame).toContain(`keyring ${keyring.file}`);
    expect(frame).toContain(`active key ${keyring.activeKey().id} (also the database's)`);
    expect(frame).toMatch(new RegExp(`${keyring.activeKey().id}\\s+active\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+9`));
    expect(frame).toContain('9 credentials; R makes a new key and re-seals them all');
  });

  it('a wrong confirmation word does nothing and says so; the right one rotates with progress, result and the backup reminder', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
    await openScreen(ui, 'keys', 'R makes a new key');
    const oldKey = keyring.activeKey().id;
    await ui.press('R');
    await ui.waitFor('Rotate keys: re-seal 9 credentials under a new key?');
    expect(ui.lastFrame()).toContain('type rotate and Enter to go ahead, Esc cancels');
    await ui.press(...'rotat', 'enter');
    await ui.waitFor('"rotat" is not rotate: type rotate and Enter, or Esc');
    expect(keyring.load().keys.map((k) => k.id)).toEqual([oldKey]);
    expect(await db.knex('jobs').where({ kind: 'key_rotation' })).toHaveLength(0);
    await ui.press('escape');
    await ui.waitFor((f) => !f.includes('Rotate keys:'));
    expect(keyring.load().keys.map((k) => k.id)).toEqual([oldKey]);

    await ui.press('R');
    await ui.waitFor('type rotate and Enter');
    await ui.press(...'rotate', 'enter');
    const frame = await ui.waitFor(/back up \S+ now: older backups lack key/);
    const newKey = keyring.activeKey().id;
    expect(newKey).not.toBe(oldKey);
    expect(frame).toContain(`rotated to key ${newKey}: re-sealed 9 of 9; retired ${oldKey}`);
    expect(frame).toContain(`back up ${keyring.file} now: older backups lack key ${newKey}`);
    // The live view catches up with the job's last notice (a fast rotation can end before it is read).
    await ui.waitFor(/re-sealed .* 9\/9 · batch 3\/3/);
    await ui.waitFor(/last rotation: succeeded \d+ s ago · requested by alice@ops · 9\/9 re-sealed · job /);
    expect(ui.lastFrame()).not.toContain('unfinished rotation');
    const job = await db.knex('jobs').where({ kind: 'key_rotation' }).first();
    expect(job).toMatchObject({ status: 'succeeded', requestedBy: 'alice@ops', progressDone: 9 });
    await expectAllOpen(db.knex, keyring.file, known);
  });

  it('the progress bar follows a rotation another process runs (its job announces every batch)', async () => {
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'keys', 'last rotation: succeeded');
    // A running rotation job as `keys rotate` elsewhere writes it, batch by batch.
    const [job] = (await db.knex('jobs').insert({ kind: 'key_rotation', status: 'running', target: { keyId: 'k-elsewhere', batchSize: 4 }, requestedBy: 'cli', progressTotal: 9, startedAt: db.knex.fn.now(), leaseOwner: 'other:1', leaseExpiresAt: db.knex.raw("now() + interval '1 minute'") }).returning('id')) as Array<{ id: string }>;
    await db.knex.raw('SELECT pg_notify(?, ?)', ['netraven_job_status', JSON.stringify({ jobId: job!.id, parentJobId: null, status: 'running' })]);
    await ui.waitFor(/last rotation: running · requested by cli · 0\/9 re-sealed/);
    await db.knex('jobs').where({ id: job!.id }).update({ progressDone: 4 });
    await db.knex.raw('SELECT pg_notify(?, ?)', ['netraven_job_status', JSON.stringify({ jobId: job!.id, parentJobId: null, status: 'running' })]);
    await ui.waitFor(/re-sealed .* 4\/9 · batch 1\/3/);
    await db.knex('jobs').where({ id: job!.id }).delete();
  });

  it('v lists the credentials that do not open; an unfinished rotation is shown and R finishes it', async () => {
    const [victim] = await db.knex('credentials').select('id', 'name', 'secret').orderBy('name').limit(1);
    await db.knex('credentials').where({ id: victim.id }).update({ secret: flipOneCiphertextByte(victim.secret) });
    const ui = await renderConsole(db, { keyring, columns: 120 });
    await openScreen(ui, 'keys', 'last rotation');
    await ui.press('v');
    let frame = await ui.waitFor(`verified: 8 of 9 credentials open with ${keyring.file}`);
    expect(frame).toMatch(new RegExp(`${victim.name}\\s+CIPHERTEXT_INVALID\\s+`));
    await db.knex('credentials').where({ id: victim.id }).update({ secret: victim.secret });

    const current = keyring.load();
    const next = generateKey();
    keyring.save(withActiveKey(current, next));
    await ui.press('\x12');
    frame = await ui.waitFor('unfinished rotation:');
    expect(frame).toContain(`unfinished rotation: ${current.keys[0]!.id} still seal 9 credentials; R finishes it`);
    await ui.press('R');
    await ui.waitFor(`Finish the interrupted rotation: re-seal 9 credentials under key ${next.id}?`);
    await ui.press(...'rotate', 'enter');
    frame = await ui.waitFor(`finished the interrupted rotation to key ${next.id}: re-sealed 9 of 9`);
    await ui.waitFor((f) => !f.includes('unfinished rotation:') && f.includes('last rotation: succeeded'));
    // A verification from before the rotation no longer applies: it is gone.
    expect(ui.lastFrame()).not.toContain('verified:');
    await expectAllOpen(db.knex, keyring.file, known);
  });

  it('a foreign keyring is named on screen; R and v are refused (KEYRING_FOREIGN) without a question and nothing changes', async () => {
    const foreign = tempKeyring();
    const before = fs.readFileSync(foreign.file);
    const ui = await renderConsole(db, { keyring: foreign, columns: 250 });
    const frame = await openScreen(ui, 'keys', "does not hold the database's active key");
    expect(frame).toContain(`this keyring does not hold the database's active key ${keyring.activeKey().id}: it belongs to another installation`);
    const jobs = await db.knex('jobs').count('* as n');
    await ui.press('R');
    await ui.waitFor(/KEYRING_FOREIGN: keyring \S+ \(active key \S+\) does not hold this database's active key/);
    expect(ui.lastFrame()).not.toContain('type rotate');
    await ui.press('v');
    await ui.waitFor(/KEYRING_FOREIGN/);
    expect(await db.knex('jobs').count('* as n')).toEqual(jobs);
    expect(fs.readFileSync(foreign.file).equals(before)).toBe(true);
  });
});
