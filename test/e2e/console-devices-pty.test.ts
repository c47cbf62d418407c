import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../src/credentials/credential-service.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../support/device-simulator/index.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty } from '../support/pty-terminal.js';
import { addSimulated } from '../support/retrieval.js';

/**
 * The devices screens as an operator drives them: the real binary in a pseudo-terminal, two
 * simulated devices, no daemon (the console retrieves in its own process).
 */
describe('devices in a terminal (end to end)', { timeout: 180_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-devices-e2e-');
  const keyFile = path.join(home, 'keyring.json');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile });
  const sims: SimulatedDevice[] = [];

  beforeAll(async () => {
    fs.mkdirSync(home, { recursive: true });
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    await createCredential({ knex: db.knex, keyring: new KeyringSource(keyFile) }, { name: 'lab', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: ['lab'] });
    for (const options of [{}, {}, { configBytes: 12_000 }]) sims.push(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', ...options }));
    await addSimulated(db.knex, sims[0]!, 'edge-e2e-1');
    await addSimulated(db.knex, sims[1]!, 'edge-e2e-2');
    await db.knex('devices').insert({ hostname: 'core-other', ipAddress: '192.0.2.1', deviceType: 'cisco_ios' });
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it('filter the devices, retrieve two, watch the job finish, then open a coloured diff', async () => {
    const term = spawnInPty(['console'], env(), { columns: 100, rows: 30 });
    await term.waitFor('Recent failures');
    term.send(':');
    await term.waitFor(/^:/m);
    term.send('devices');
    await term.waitFor(/^:devices/m);
    term.send('\r');
    await term.waitFor('core-other');
    term.send('/');
    await term.waitFor(/^\/ /m);
    term.send('edge');
    await term.waitFor((s) => s.includes('edge-e2e-2') && !s.includes('core-other'));
    term.send('\r');
    await term.waitFor('Devices 2 matching "edge"');
    term.send(' ');
    await term.waitFor('1 marked');
    term.send('j');
    await term.waitFor((s) => s.includes('1 marked'));
    term.send(' ');
    await term.waitFor('2 marked');
    term.send('r');
    await term.waitFor('retrieving 2 marked devices');
    const finished = await term.waitFor('retrieved 2 marked devices: succeeded', 60_000);
    expect(finished).toMatch(/2\/2/);
    await term.waitFor((s) => /edge-e2e-1 .*changed\s+1/.test(s) && /edge-e2e-2 .*changed\s+1/.test(s));

    // The device gained interfaces (the same device, another transcript): the next retrieval stores a new version.
    await db.knex('devices').where({ hostname: 'edge-e2e-1' }).update({ port: sims[2]!.port });
    term.send('k');
    await term.waitFor((s) => s.includes('edge-e2e-1'));
    term.send('\r');
    await term.waitFor('History 1 version');
    term.send('r');
    await term.waitFor('retrieved edge-e2e-1: succeeded', 60_000);
    await term.waitFor('History 2 versions');
    // The selection stays on the version it was on (now the older one): g moves to the newest.
    term.send('g');
    term.send('d');
    const diff = await term.waitFor(/hunk 1 of \d+/);
    expect(diff).toMatch(/^--- edge-e2e-1@[0-9a-f]{8}/m);
    expect(diff).toMatch(/^\+interface /m);
    // Coloured: additions green, hunk headers cyan (xterm palette 2 and 6).
    expect(term.cellColour('+interface ')).toBe(2);
    expect(term.cellColour('@@ ')).toBe(6);

    term.send('q');
    await term.waitFor('History 2 versions');
    term.send('q');
    await term.waitFor('Devices 2 matching "edge"');
    term.send('\x03');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
  });
});
