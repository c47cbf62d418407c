import { afterAll, beforeAll, describe, expect } from 'vitest';
import { bindingTest } from '../../../support/binding-test.js';
import { seedDevices } from '../../../support/console-data.js';
import { openDevices } from '../../../support/console-navigate.js';
import type { ConsoleHarness } from '../../../support/console-render.js';
import { useTestDatabase } from '../../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../../support/device-simulator/index.js';
import { createTestLogins, type TestLogins } from '../../../support/logins.js';
import { addSimulated } from '../../../support/retrieval.js';

/** The devices screen's keys, on seeded devices and two simulated ones (retrieved in this process: no daemon). */
describe('devices screen keys', () => {
  const db = useTestDatabase();
  const sims: SimulatedDevice[] = [];
  let logins: TestLogins;

  beforeAll(async () => {
    logins = createTestLogins(db.knex);
    await logins.add({ name: 'lab-admin', username: 'admin', password: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    await seedDevices(db.knex, [
      { hostname: 'alpha-01', status: 'unchanged', daysAgo: 0.5 },
      { hostname: 'beta-01', status: 'failed', code: 'TIMEOUT', daysAgo: 0.1 },
      { hostname: 'gamma-01', daysAgo: null },
      { hostname: 'gamma-02', status: 'unchanged', daysAgo: 0.5, enabled: false },
    ]);
    for (const name of ['sim-a', 'sim-b']) {
      const sim = await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass' });
      sims.push(sim);
      await addSimulated(db.knex, sim, name);
    }
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  const open = (): Promise<ConsoleHarness> => openDevices(db, 'alpha-01', { keyring: logins.keyring });
  const selected = (ui: ConsoleHarness) => ui.selectedRow() ?? '';

  bindingTest('filter-devices', '/ filters as you type (prefix, tag:, status:…); Enter keeps the filter, Esc clears it', async () => {
    const ui = await open();
    await ui.press('/', ...'gam'.split(''));
    await ui.waitFor((f) => f.includes('gamma-01') && !f.includes('alpha-01'));
    await ui.press('enter');
    await ui.waitFor('Devices 2 matching "gam"');
    await ui.press('/', ...' status:failed'.split(''));
    await ui.waitFor((f) => f.includes('no device matches the filter'));
    await ui.press('escape');
    await ui.waitFor((f) => f.includes('alpha-01') && f.includes('Devices 6 ·'));
    await ui.press('/', ...'status:failed'.split(''), 'enter');
    await ui.waitFor((f) => f.includes('Devices 1 matching "status:failed"') && f.includes('beta-01'));
    // Esc outside the input clears the filter first, and goes back only then.
    await ui.press('escape');
    await ui.waitFor('Devices 6 ·');
    await ui.press('escape');
    await ui.waitFor('Recent failures');
  });

  bindingTest('sort-devices', 's sorts by last retrieval (never first), then by result (failed first), then by hostname again', async () => {
    const ui = await open();
    await ui.press('s');
    await ui.waitFor((f) => f.includes('sort: last retrieval') && selected(ui).includes('gamma-01'));
    await ui.press('s');
    await ui.waitFor((f) => f.includes('sort: result') && selected(ui).includes('beta-01'));
    await ui.press('s');
    await ui.waitFor((f) => f.includes('sort: hostname') && selected(ui).includes('alpha-01'));
  });

  bindingTest('mark', 'space marks the highlighted device, again unmarks it; the title counts the marks', async () => {
    const ui = await open();
    await ui.press(' ');
    await ui.waitFor((f) => f.includes('1 marked') && /^\* alpha-01/m.test(f));
    await ui.press('j', ' ');
    await ui.waitFor((f) => f.includes('2 marked') && /^\* beta-01/m.test(f));
    await ui.press(' ');
    await ui.waitFor((f) => f.includes('1 marked') && !/^\* beta-01/m.test(f));
  });

  bindingTest('retrieve', 'r retrieves the marked devices (here: no daemon), shows their progress and the rows change as they finish', async () => {
    const ui = await open();
    await ui.press('/', ...'sim'.split(''), 'enter');
    await ui.waitFor((f) => f.includes('sim-a') && f.includes('sim-b') && !f.includes('alpha-01'));
    await ui.press(' ', 'j', ' ', 'r');
    const done = await ui.waitFor('retrieved 2 marked devices: succeeded', 30_000);
    expect(done).toMatch(/2\/2/);
    await ui.waitFor((f) => /sim-a .*changed\s+1/.test(f) && /sim-b .*changed\s+1/.test(f));
    // The marks went with the retrieval they started.
    expect(ui.lastFrame().split('\n')[1]).not.toContain('marked');
    const job = (await db.knex('jobs').whereNull('parentJobId').where('kind', 'retrieval').orderBy('createdAt', 'desc').first('requestedBy', 'progressTotal')) as { requestedBy: string; progressTotal: number };
    expect(job).toEqual({ requestedBy: ui.services.actor.name, progressTotal: 2 });
    // Without marks: the highlighted device.
    await ui.press('r');
    await ui.waitFor('retrieved sim-b: succeeded', 30_000);
  }, 60_000);

  bindingTest('retrieve-all', 'R asks first, naming how many enabled devices the filter shows; n does nothing, y retrieves them', async () => {
    const ui = await open();
    await ui.press('/', ...'gamma'.split(''), 'enter');
    await ui.waitFor('Devices 2 matching "gamma"');
    await ui.press('R');
    await ui.waitFor('Retrieve 1 device: every enabled device matching "gamma"?');
    expect(ui.lastFrame()).toContain('1 disabled device is left out');
    await ui.press('n');
    await ui.waitFor((f) => !f.includes('Retrieve 1 device'));
    expect(await db.knex('jobs').where('target', '@>', JSON.stringify({ kind: 'filter' })).count('* as n').first()).toEqual({ n: '0' });
    await ui.press('R');
    await ui.waitFor('Retrieve 1 device');
    await ui.press('y');
    // gamma-01 has no credential sharing a tag: the sweep runs and records why it failed.
    await ui.waitFor('retrieval of 1 device matching "gamma" failed: 1/1 done, 1 failed', 30_000);
    expect(ui.lastFrame()).toContain('CREDENTIAL_NOT_FOUND 1');
    const job = (await db.knex('jobs').where('target', '@>', JSON.stringify({ kind: 'filter' })).first('target', 'progressTotal')) as { target: Record<string, unknown>; progressTotal: number };
    expect(job).toMatchObject({ progressTotal: 1, target: { kind: 'filter', text: 'gamma' } });
  }, 60_000);

  bindingTest('open-device', 'Enter opens the highlighted device', async () => {
    const ui = await open();
    await ui.press('j', 'enter');
    const frame = await ui.waitFor(/History \d+ version/);
    expect(frame).toMatch(/^beta-01 · /m);
    expect(frame).toContain('last retrieval');
  });

  bindingTest('retrieval-log', 'l opens the log of the retrieval started here (live; q comes back to the list and its progress); before one, it says so', async () => {
    const ui = await open();
    await ui.press('l');
    await ui.waitFor('no retrieval started on this screen yet');
    await ui.press('/', ...'sim-a'.split(''), 'enter');
    await ui.waitFor('Devices 1 matching "sim-a"');
    await ui.press('r');
    await ui.waitFor('retrieved sim-a: succeeded', 30_000);
    await ui.press('l');
    const log = await ui.waitFor((f) => f.includes('│ log │') && f.includes('sweep succeeded'));
    expect(log).toContain('retrieval "sim-a" · succeeded 1/1');
    expect(log).toMatch(/^\d\d:\d\d:\d\d info  sim-a done in /m);
    await ui.press('q');
    await ui.waitFor((f) => f.includes('retrieved sim-a: succeeded') && f.includes('Devices 1 matching "sim-a"'));
  }, 60_000);
});
