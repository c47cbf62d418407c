import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { seedDevices, seedVersions } from '../../../support/console-data.js';
import { openDevice } from '../../../support/console-navigate.js';
import { useTestDatabase } from '../../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../../support/device-simulator/index.js';
import { createTestLogins, type TestLogins } from '../../../support/logins.js';
import { addSimulated } from '../../../support/retrieval.js';

const TRUSTED = `SHA256:${'T'.repeat(43)}`;

/** The device screen's keys: versions, diffs, host keys, retrieving now. */
describe('device screen keys', () => {
  const db = useTestDatabase();
  let logins: TestLogins;
  let rekeyed: SimulatedDevice;
  let versions: string[];

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    const ids = await seedDevices(db.knex, [{ hostname: 'hist-01', status: 'changed', daysAgo: 0 }]);
    versions = await seedVersions(db.knex, ids.get('hist-01')!, ['hostname hist-01\na 1\n', 'hostname hist-01\na 2\n', 'hostname hist-01\na 3\nb 1\n']);
    // A device whose key changed: a retrieval from the console notes the key it presents now.
    rekeyed = await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', alternateHostKey: true });
    const added = await addSimulated(db.knex, rekeyed, 'rekeyed-01');
    await db.knex('devices').where({ id: added.id }).update({ hostKeyFingerprint: TRUSTED });
  });
  afterAll(async () => {
    await rekeyed.close();
  });

  bindingTest('open-version', 'Enter shows the highlighted version', async () => {
    const ui = await openDevice(db, 'hist-01');
    await ui.waitFor('first version');
    await ui.press('j', 'enter');
    const frame = await ui.waitFor(`version ${versions[1]!.slice(0, 8)}`);
    expect(frame).toContain('a 2');
    expect(frame).toContain('2 lines');
  });

  bindingTest('diff', 'd diffs the highlighted version against the one before; with two marked (space) it diffs those; a first version has nothing to diff', async () => {
    const ui = await openDevice(db, 'hist-01');
    await ui.waitFor('first version');
    await ui.press('d');
    let frame = await ui.waitFor(/\+2 −1 · hunk 1 of 1/);
    expect(frame).toContain(`${versions[1]!.slice(0, 8)} (`);
    await ui.press('escape');
    await ui.waitFor('first version');
    // Marked in either order: the older one goes first.
    await ui.press(' ', 'j', 'j', ' ');
    await ui.waitFor('2 marked');
    await ui.press(' ');
    await ui.waitFor('1 marked');
    await ui.press(' ', 'k');
    await ui.waitFor('2 marked');
    await ui.press(' ');
    await ui.waitFor('two versions are marked already');
    await ui.press('d');
    frame = await ui.waitFor(/\+2 −1 · hunk 1 of 1/);
    expect(frame).toMatch(new RegExp(`${versions[0]!.slice(0, 8)} \\(.*→ ${versions[2]!.slice(0, 8)}`));
    expect(frame).toContain('-a 1');
    expect(frame).toContain('+a 3');
    await ui.press('escape');
    await ui.waitFor('2 marked');
    await ui.press('g', ' ', 'G', ' ', 'd');
    await ui.waitFor(`version ${versions[0]!.slice(0, 8)} is the first stored: nothing before it`);
  });

  bindingTest('accept-host-key', 'H asks, showing the old and the new fingerprint; n keeps the old key, y trusts the new one (then r retrieves)', async () => {
    const ui = await openDevice(db, 'rekeyed-01', { keyring: logins.keyring });
    await ui.press('H');
    await ui.waitFor('presented no other host key: nothing to accept');
    await ui.press('r');
    await ui.waitFor('retrieved rekeyed-01: failed', 30_000);
    await ui.waitFor(`presented ${rekeyed.hostKeyFingerprint} instead`);
    await ui.press('H');
    let frame = await ui.waitFor('Trust the new host key of rekeyed-01?');
    expect(frame).toContain(`old ${TRUSTED}`);
    expect(frame).toContain(`new ${rekeyed.hostKeyFingerprint}`);
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('Trust the new host key'));
    expect(await db.knex('devices').where({ hostname: 'rekeyed-01' }).first('hostKeyFingerprint')).toEqual({ hostKeyFingerprint: TRUSTED });
    await ui.press('H');
    await ui.waitFor('Trust the new host key');
    await ui.press('y');
    frame = await ui.waitFor('rekeyed-01: its new host key is trusted now; r retrieves it');
    await ui.waitFor((f) => f.includes(`host key ${rekeyed.hostKeyFingerprint}`) && !f.includes('instead'));
    expect(await db.knex('devices').where({ hostname: 'rekeyed-01' }).first('hostKeyFingerprint', 'presentedHostKeyFingerprint')).toEqual({ hostKeyFingerprint: rekeyed.hostKeyFingerprint, presentedHostKeyFingerprint: null });
    await ui.press('r');
    await ui.waitFor('retrieved rekeyed-01: succeeded', 30_000);
    // The history is read again once the retrieval ends (under load a moment after the strip says so).
    await ui.waitFor((f) => f.includes('History 1 version') && f.includes('first version'));
  }, 90_000);

  it('r on a device retrieves it now and the history shows the new version', async () => {
    const ui = await openDevice(db, 'rekeyed-01', { keyring: logins.keyring });
    await ui.press('r');
    await ui.waitFor('retrieved rekeyed-01: succeeded', 30_000);
    await ui.waitFor(/last retrieval \d+ s ago: unchanged/);
  }, 60_000);
});
