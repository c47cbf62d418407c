import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCredential } from '../../../../src/credentials/credential-opening.js';
import { createCredential } from '../../../../src/credentials/credential-service.js';
import { SECRET_MARK } from '../../../../src/tui/components/masked-input.js';
import { renderConsole } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';
import { tempDir, tempKeyring } from '../../../support/keyring.js';
import { ed25519Key, encryptedKey } from '../../../support/private-keys.js';
import { changeRecords, EVIL, expectInert, insertRawCredential, openScreen, reverseVideo } from './admin-data.js';

describe('credentials screen', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  const dir = tempDir('netraven-console-credentials-');
  const count = async () => Number((await db.knex('credentials').count('* as n'))[0]!.n);

  beforeAll(async () => {
    const store = { knex: db.knex, keyring };
    await createCredential(store, { name: 'core-admin', username: 'netops', secret: 'unused-1', enableSecret: 'unused-2', tags: ['core', 'lab'], priority: 10 });
    await createCredential(store, { name: 'edge-key', username: 'backup', privateKey: ed25519Key().privateKey, tags: ['edge'] });
    await db.knex('credentials').where({ name: 'core-admin' }).update({ successCount: 12, failureCount: 3, lastUsedAt: db.knex.raw("now() - interval '5 minutes'"), lastSuccessAt: db.knex.raw("now() - interval '5 minutes'") });
  });

  it('lists name, user, login, tags, key id, successes/failures and last use; the highlighted one in full, never a secret', async () => {
    const ui = await renderConsole(db, { keyring, columns: 200 });
    const frame = await openScreen(ui, 'credentials', 'edge-key');
    expect(frame).toMatch(/name\s+user\s+login\s+tags\s+key id\s+ok\s+fail\s+last used/);
    expect(frame).toMatch(/core-admin\s+netops\s+password\s+core, lab\s+k\S+\s+12\s+3\s+5 min/);
    expect(frame).toMatch(/edge-key\s+backup\s+key\s+edge\s+k\S+\s+0\s+0\s+never/);
    expect(frame).toContain('core-admin · user netops · password · enable secret yes · priority 10');
    expect(frame).toContain(`sealed with key ${keyring.activeKey().id} · tags core, lab · 12 ok, 3 failed · last success 5 min ago`);
    await ui.press('j');
    const key = await ui.waitFor(/edge-key · user backup · SSH key ssh-ed25519 SHA256:\S+ · enable secret no/);
    expect(key).not.toMatch(/unused|PRIVATE KEY/);
  });

  it('adds a password credential through the form: no frame shows the secret or its length; recorded as the operator\'s change', async () => {
    const ui = await renderConsole(db, { keyring, actor: { name: 'alice@ops', role: 'admin', via: 'local' } });
    await openScreen(ui, 'credentials', 'edge-key');
    const secret = 'Qz7#vLp!9wRt-Kx2';
    const enable = 'Yy8$mNq%3';
    await ui.press('a');
    await ui.waitFor('Add a credential');
    await ui.press(...'wan-admin', 'enter', ...'netops', 'enter', ...'wan core', 'enter', 'enter');
    await ui.waitFor(/login\s+password\s+SSH key file/);
    expect(reverseVideo(ui)).toContain('password');
    await ui.press('enter');
    await ui.waitFor(/password\s+type it: nothing is shown/);
    await ui.press(...secret.slice(0, 1));
    await ui.waitFor(SECRET_MARK);
    await ui.press(secret.slice(1), 'enter');
    await ui.waitFor(/enable secret\s+type it/);
    await ui.press(...enable, 'enter');
    await ui.waitFor('credential wan-admin added');
    const frame = await ui.waitFor(/wan-admin\s+netops\s+password\s+core, wan/);
    expect(frame).not.toContain('Add a credential');

    for (const raw of ui.frames()) {
      for (const s of [secret, enable]) {
        for (let i = 0; i + 4 <= s.length; i++) expect(raw).not.toContain(s.slice(i, i + 4));
        expect(raw).not.toMatch(new RegExp(`[*•●]{${s.length}}`));
      }
      expect(raw).not.toMatch(/\*{2,}/);
    }
    // What the secret line showed never changed with what was typed: the placeholder, then the one mark.
    const secretLines = new Set(ui.frames().flatMap((raw) => raw.split('\n').filter((line) => /^(password|enable secret) /.test(line.replace(/\x1b\[[0-9;]*m/g, '')))).map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+$/, '')));
    expect([...secretLines].every((line) => /type it: nothing is shown|●●●●●●●●|\(typed, not shown\)|\(none\)/.test(line)), [...secretLines].join('\n')).toBe(true);

    const row = await db.knex('credentials').where({ name: 'wan-admin' }).first();
    expect(openCredential(row, keyring)).toMatchObject({ username: 'netops', password: secret, enableSecret: enable });
    const [record] = (await changeRecords(db.knex)).slice(-1);
    expect(record).toEqual({ requestedBy: 'alice@ops', message: 'credential "wan-admin" added (user "netops", password login, with an enable secret, tags core, wan, priority 100) by alice@ops' });
  });

  it('adds a key credential from a key file with its passphrase; a missing key file is said at once and nothing is stored', async () => {
    const key = encryptedKey('k3y-phrase');
    const file = path.join(dir, 'id_ed25519');
    fs.writeFileSync(file, key.privateKey, { mode: 0o600 });
    const ui = await renderConsole(db, { keyring, columns: 200 });
    await openScreen(ui, 'credentials', 'edge-key');
    await ui.press('a', ...'lab-key', 'enter', ...'backup', 'enter', ...'lab', 'enter', 'enter', 'tab');
    await ui.waitFor(/login\s+password\s+SSH key file/);
    await ui.waitFor(() => reverseVideo(ui).includes('SSH key file'));
    await ui.press('enter');
    await ui.waitFor('path of an OpenSSH or PEM private key file');
    await ui.press(...path.join(dir, 'missing'), 'enter');
    await ui.waitFor(/INPUT_INVALID: key file ".*missing" does not exist: give the path of an OpenSSH or PEM private key file/);
    // Still on the same step: fix the path.
    for (let i = 0; i < 'missing'.length; i++) await ui.press('\x7f');
    await ui.press(...'id_ed25519', 'enter');
    await ui.waitFor(/passphrase\s+type it/);
    await ui.press(...'k3y-phrase', 'enter', 'enter');
    await ui.waitFor('credential lab-key added');
    const row = await db.knex('credentials').where({ name: 'lab-key' }).first();
    expect(openCredential(row, keyring)).toMatchObject({ passphrase: 'k3y-phrase', password: null });
    for (const raw of ui.frames()) expect(raw).not.toMatch(/k3y-|BEGIN OPENSSH/);

    const before = await count();
    await ui.press('a', ...'lost-key', 'enter', ...'u', 'enter', 'enter', 'enter', 'tab', 'enter', ...path.join(dir, 'nowhere'), 'enter');
    await ui.waitFor(/key file ".*nowhere" does not exist/);
    await ui.press('escape');
    await ui.waitFor((f) => !f.includes('Add a credential') && f.includes('lab-key'));
    expect(await count()).toBe(before);
  });

  it('an empty secret, a taken name and a bad tag are refused (by the service, in the banner, or at the step) and nothing is stored', async () => {
    const ui = await renderConsole(db, { keyring, columns: 200 });
    await openScreen(ui, 'credentials', 'edge-key');
    const before = await count();
    await ui.press('a', ...'Core-Admin', 'enter');
    await ui.waitFor('CREDENTIAL_EXISTS: a credential named "Core-Admin" already exists');
    await ui.press(...'2', 'enter', ...'ops', 'enter', ...'good, bad!tag', 'enter');
    await ui.waitFor('INPUT_INVALID: tag "bad!tag" is not valid');
    for (let i = 0; i < 9; i++) await ui.press('\x7f');
    await ui.press('enter', 'enter', 'enter', 'enter', 'enter');
    await ui.waitFor('SECRET_EMPTY: the secret of credential "Core-Admin2" is empty: enter a non-empty secret');
    expect(await count()).toBe(before);
  });

  it('a foreign keyring: adding is refused (KEYRING_FOREIGN) and nothing is stored', async () => {
    const ui = await renderConsole(db, { keyring: tempKeyring(), columns: 250 });
    await openScreen(ui, 'credentials', 'edge-key');
    const before = await count();
    await ui.press('a', ...'stranger', 'enter', ...'ops', 'enter', 'enter', 'enter', 'enter', ...'pw', 'enter', 'enter');
    await ui.waitFor(/KEYRING_FOREIGN: keyring \S+ \(active key \S+\) does not hold this database's active key/);
    expect(await count()).toBe(before);
  });

  it('a hostile credential name and tag render inert', async () => {
    const id = await insertRawCredential(db.knex, `aa-${EVIL}`);
    const [tag] = (await db.knex('tags').insert({ name: 'plain-tag' }).returning('id')) as Array<{ id: string }>;
    await db.knex('credential_tags').insert({ credentialId: id, tagId: tag!.id });
    const ui = await renderConsole(db, { keyring, columns: 200 });
    const frame = await openScreen(ui, 'credentials', 'aa-evil<U+202E>txt');
    expect(frame).toContain('plain-tag');
    // A tag typed into the tags form with escapes and bidi controls: inert on screen, refused by the service.
    await ui.press('t');
    await ui.waitFor('Tags of credential aa-evil');
    await ui.press(`x${EVIL}`, 'enter');
    await ui.waitFor(/INPUT_INVALID: tag .* is not valid/);
    expectInert(ui);
  });
});
