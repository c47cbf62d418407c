import { afterAll, beforeAll, describe, expect } from 'vitest';
import { setSetting } from '../../../../src/config/settings-store.js';
import { createCredential } from '../../../../src/credentials/credential-service.js';
import { bindingTest } from '../../../support/binding-test.js';
import { renderConsole, type ConsoleHarness } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';
import { tempKeyring } from '../../../support/keyring.js';
import { startSilentServer } from '../../../support/silent-server.js';

/** Quitting while this console runs a sweep asks first: the confirmation keys. */
describe('confirmation keys (quit during an in-process sweep)', () => {
  const db = useTestDatabase();
  const keyring = tempKeyring();
  let silent: Awaited<ReturnType<typeof startSilentServer>>;

  beforeAll(async () => {
    silent = await startSilentServer();
    await setSetting(db.knex, 'retrieval.connect_timeout_seconds', 8);
    await createCredential({ knex: db.knex, keyring }, { name: 'lab', username: 'netops', secret: 'not-used-here', tags: ['lab'] });
    await db.knex('devices').insert({ hostname: 'silent-1', ipAddress: silent.host, port: silent.port, deviceType: 'cisco_ios' });
    const [tag] = await db.knex('tags').where({ name: 'lab' }).select('id');
    const [device] = await db.knex('devices').where({ hostname: 'silent-1' }).select('id');
    await db.knex('device_tags').insert({ deviceId: device.id, tagId: tag.id });
  });
  afterAll(async () => {
    await silent.close();
  });

  async function sweeping(): Promise<ConsoleHarness> {
    const ui = await renderConsole(db, { keyring });
    await ui.waitFor('Recent failures');
    const started = await ui.services.retrieve({ kind: 'hostnames', hostnames: ['silent-1'] });
    expect(started).toMatchObject({ mode: 'in-process', devices: 1 });
    expect(ui.services.sweepsHere()).toHaveLength(1);
    await ui.press('q');
    await ui.waitFor('Quit and cancel the sweep this console runs (1 devices not done)?');
    expect(ui.lastFrame()).toContain('devices already running finish first');
    return ui;
  }

  bindingTest('confirm-no', 'n, Enter and Esc answer no: the console stays and the sweep goes on', async () => {
    const ui = await sweeping();
    for (const key of ['n', 'enter', 'escape']) {
      await ui.press(key);
      await ui.waitFor((frame) => !frame.includes('Quit and cancel'));
      expect(ui.services.sweepsHere()).toHaveLength(1);
      if (key !== 'escape') {
        await ui.press('q');
        await ui.waitFor('Quit and cancel');
      }
    }
    expect(ui.lastFrame()).toContain('Recent failures');
  }, 30_000);

  bindingTest('confirm-yes', 'y answers yes: the console quits (the sweep is cancelled when the console closes)', async () => {
    const ui = await sweeping();
    await ui.press('y');
    await ui.exited();
    await ui.services.close();
    expect(ui.services.sweepsHere()).toHaveLength(0);
    const [sweep] = await db.knex('jobs').whereNull('parentJobId').where({ kind: 'retrieval' }).orderBy('createdAt', 'desc').limit(1);
    expect(sweep.requestedBy).toBe(ui.services.actor.name);
    expect(['cancelled', 'failed']).toContain(sweep.status);
  }, 30_000);
});
