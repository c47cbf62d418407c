import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../src/config/settings-store.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { requester } from '../../src/jobs/job-queue.js';
import { runCli } from '../support/cli.js';
import { addCredentials, expectAllOpen, type KnownSecrets } from '../support/credentials.js';
import { useTestDatabase } from '../support/database.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty } from '../support/pty-terminal.js';

/** Rotating keys from the console as an operator does: the real binary in a pseudo-terminal, read through a headless xterm. */
describe('console key rotation in a terminal (end to end)', { timeout: 120_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-console-keys-e2e-');
  const keyFile = path.join(home, 'keyring.json');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile });
  let known: KnownSecrets;

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    known = await addCredentials(db.knex, new KeyringSource(keyFile), 5);
    await setSetting(db.knex, 'keys.rotation_batch_size', 2);
  });

  it('opens keys, refuses a wrong word, rotates on `rotate` with live progress and the backup reminder, and quits cleanly', async () => {
    const oldKey = new KeyringSource(keyFile).activeKey().id;
    const term = spawnInPty(['console'], env());
    await term.waitFor('Recent failures');
    await term.jump('keys');
    await term.waitFor('5 credentials; R makes a new key and re-seals them all');
    term.send('R');
    await term.waitFor('Rotate keys: re-seal 5 credentials under a new key?');
    term.send('rotat');
    await term.waitFor(/rotat\s*$/m);
    term.send('\r');
    await term.waitFor('"rotat" is not rotate');
    expect(new KeyringSource(keyFile).activeKey().id).toBe(oldKey);
    term.send('e');
    await term.waitFor(/rotate\s*$/m);
    term.send('\r');
    await term.waitFor(/re-sealed .* 5\/5 · batch 3\/3/);
    // The result and the reminder wrap at 80 columns: read them with the line breaks as spaces.
    const screen = (await term.waitFor(/back up .*keyring\.json now: older backups\s+lack key/)).replace(/\s+/g, ' ');
    const newKey = new KeyringSource(keyFile).activeKey().id;
    expect(newKey).not.toBe(oldKey);
    expect(screen).toContain(`rotated to key ${newKey}: re-sealed 5 of 5; retired ${oldKey}`);
    await term.waitFor(/last rotation: succeeded \d+ s ago · requested by/);

    // Escape sequences Ink 6 cannot parse, pasted into a form, are dropped: the console carries on.
    await term.jump('credentials');
    await term.waitFor('cred-4');
    term.send('a');
    await term.waitFor('Add a credential');
    term.send('pasted\x1b[31mname\x1b[1;5P\x1b]52;c;ZWNobyBwd25lZA==\x07');
    await term.waitFor(/^name\s+pastedname\s*$/m);
    term.send('\r');
    await term.waitFor(/^user\s/m);
    term.send('\x1b');
    await term.waitFor((s) => !s.includes('Add a credential') && s.includes('cred-4'));
    term.send('q');
    await term.waitFor('Recent failures');
    term.send('q');
    const { exitCode } = await term.exit;
    expect(exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);

    const job = await db.knex('jobs').where({ kind: 'key_rotation' }).first();
    expect(job).toMatchObject({ status: 'succeeded', progressDone: 5, requestedBy: requester() });
    expect(await db.knex('credentials').where({ name: 'pastedname' })).toHaveLength(0);
    await expectAllOpen(db.knex, keyFile, known);
  });
});
