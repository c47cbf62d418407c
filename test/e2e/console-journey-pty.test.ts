import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../src/credentials/credential-service.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { addDevice } from '../../src/retrieval/inventory/device-inventory.js';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { isStarted, startDaemonProcess } from '../support/daemon-process.js';
import { startSimulatedDevice, type SimulatedDevice } from '../support/device-simulator/index.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/keyring.js';
import { spawnInPty } from '../support/pty-terminal.js';
import { addSimulated } from '../support/retrieval.js';

/**
 * Issue 9's "done when", as an operator does it, in one console session: the real binary in a
 * pseudo-terminal read through a headless xterm. Filter the devices, retrieve a tag (in this
 * console: no daemon) and watch its log, open a coloured diff, tail the log of a retrieval a
 * daemon process runs, rotate the keys with the typed word, quit; then kill -TERM during a
 * retrieval. NETRAVEN_CAPTURE_DIR=dir writes the devices screen there (README's capture).
 */
describe('the operations console, end to end', { timeout: 300_000 }, () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-journey-e2e-');
  const keyFile = path.join(home, 'keyring.json');
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile });
  const sims: SimulatedDevice[] = [];

  beforeAll(async () => {
    fs.mkdirSync(home, { recursive: true });
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    await createCredential({ knex: db.knex, keyring: new KeyringSource(keyFile) }, { name: 'lab', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: ['edge'] });
    // Each reply takes a moment, so a retrieval lasts long enough to be watched (and interrupted).
    for (const options of [{}, {}, { configBytes: 12_000 }]) sims.push(await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', latencyMs: 150, ...options }));
    await addSimulated(db.knex, sims[0]!, 'edge-lon-1', ['edge']);
    await addSimulated(db.knex, sims[1]!, 'edge-par-2', ['edge']);
    await addDevice(db.knex, { hostname: 'core-fra-1', ipAddress: '192.0.2.1', port: 22, deviceType: 'cisco_ios', tags: ['core'] }, {});
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it('filter, retrieve a tag and watch its log, diff, tail a daemon-written log, rotate keys, quit', async () => {
    const term = spawnInPty(['start'], env(), { columns: 100, rows: 30 });
    await term.waitFor('Recent failures');
    expect(term.alternateScreen()).toBe(true);

    // Filter the devices by tag.
    await term.jump('devices');
    await term.waitFor('core-fra-1');
    term.send('/');
    await term.waitFor(/^\/ /m);
    term.send('tag:edge');
    await term.waitFor((s) => s.includes('edge-par-2') && !s.includes('core-fra-1'));
    term.send('\r');
    await term.waitFor('Devices 2 matching "tag:edge"');

    // Retrieve the tag: asked first, run in this console (no daemon), its log watched live.
    term.send('R');
    await term.waitFor('Retrieve 2 devices: every enabled device matching "tag:edge"?');
    term.send('y');
    await term.waitFor('running in this console (no daemon alive)');
    term.send('l');
    await term.waitFor(/│ log │/);
    const log = await term.waitFor('end of log (job succeeded)', 60_000);
    expect(log).toMatch(/^retrieval .* · succeeded 2\/2 · /m);
    expect(log).toMatch(/ edge-lon-1 stored new version /);
    expect(log).toMatch(/ edge-par-2 stored new version /);
    term.send('q');
    const devices = await term.waitFor((s) => /edge-lon-1 .*changed\s+1/.test(s) && /edge-par-2 .*changed\s+1/.test(s) && s.includes('retrieved 2 devices'));
    if (process.env.NETRAVEN_CAPTURE_DIR) fs.writeFileSync(path.join(process.env.NETRAVEN_CAPTURE_DIR, 'devices.txt'), `${term.screen().join('\n')}\n`);
    expect(devices).toMatch(/retrieved 2 devices matching "tag:edge": succeeded/);

    // The device gained interfaces (the same device, another transcript): retrieve it again, diff the two versions.
    await db.knex('devices').where({ hostname: 'edge-lon-1' }).update({ port: sims[2]!.port });
    term.send('g');
    term.send('\r');
    await term.waitFor(/^edge-lon-1 · /m);
    await term.waitFor('History 1 version');
    term.send('r');
    await term.waitFor('retrieved edge-lon-1: succeeded', 60_000);
    await term.waitFor('History 2 versions');
    term.send('g');
    term.send('d');
    const diff = await term.waitFor(/hunk 1 of \d+/);
    expect(diff).toMatch(/^--- edge-lon-1@[0-9a-f]{8}/m);
    expect(diff).toMatch(/^\+interface /m);
    // Coloured: additions green, hunk headers cyan (xterm palette 2 and 6).
    expect(term.cellColour('+interface ')).toBe(2);
    expect(term.cellColour('@@ ')).toBe(6);
    term.send('q');
    await term.waitFor('History 2 versions');
    term.send('q');
    await term.waitFor('Devices 2 matching "tag:edge"');

    // A daemon process is alive: the same retrieval is queued for it, and its log is tailed as the daemon writes it.
    const daemon = startDaemonProcess(db.url, ['--concurrency', '1'], env());
    await daemon.waitFor(isStarted, 30_000, 'start');
    await term.waitFor(/│ daemons 1 │/, 30_000);
    term.send('R');
    await term.waitFor('Retrieve 2 devices');
    term.send('y');
    await term.waitFor('(2 devices): queued for the daemons');
    term.send('l');
    await term.waitFor(/│ log │/);
    const sweep = (await db.knex('jobs').whereNull('parentJobId').where({ kind: 'retrieval' }).orderBy('createdAt', 'desc').first('id')) as { id: string };
    const first = await eventually(
      async () => (await db.knex('job_logs').whereIn('jobId', db.knex('jobs').select('id').where({ parentJobId: sweep.id })).whereNotNull('deviceId').orderBy('id').first('message')) as { message: string } | undefined,
      30_000,
      'a device line written by the daemon',
    );
    // On screen within a hang guard of 5× the 1 s the issue asks (the benchmark measures it).
    await term.waitFor(first.message.slice(0, 30), 5_000);
    const tailed = await term.waitFor('end of log (job succeeded)', 60_000);
    expect(tailed).toMatch(/ edge-par-2 /);
    await daemon.stop();
    term.send('q');
    await term.waitFor('Devices 2 matching "tag:edge"');

    // Rotate the keys: a wrong word changes nothing, `rotate` re-seals with live progress and the backup reminder.
    const oldKey = new KeyringSource(keyFile).activeKey().id;
    await term.jump('keys');
    await term.waitFor('1 credential; R makes a new key and re-seals them all');
    term.send('R');
    await term.waitFor('Rotate keys: re-seal 1 credential under a new key?');
    term.send('rotat');
    await term.waitFor(/rotat\s*$/m);
    term.send('\r');
    await term.waitFor('"rotat" is not rotate');
    expect(new KeyringSource(keyFile).activeKey().id).toBe(oldKey);
    term.send('e');
    await term.waitFor(/rotate\s*$/m);
    term.send('\r');
    const rotated = (await term.waitFor(/back up .*keyring\.json now: older backups\s+lack key/, 60_000)).replace(/\s+/g, ' ');
    const newKey = new KeyringSource(keyFile).activeKey().id;
    expect(newKey).not.toBe(oldKey);
    expect(rotated).toContain(`rotated to key ${newKey}: re-sealed 1 of 1; retired ${oldKey}`);

    // Quit: back to the overview, then out, the terminal as it was.
    term.send('q');
    await term.waitFor('Recent failures');
    term.send('q');
    expect((await term.exit).exitCode).toBe(0);
    expect(term.alternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
  });

  it('kill -TERM during a retrieval this console runs: the terminal is restored and the sweep is ended, not left running', async () => {
    const term = spawnInPty(['console'], env(), { columns: 100, rows: 30 });
    await term.waitFor('Recent failures');
    await term.jump('devices');
    await term.waitFor('core-fra-1');
    term.send('/tag:edge\r');
    await term.waitFor('Devices 2 matching "tag:edge"');
    term.send('R');
    await term.waitFor('Retrieve 2 devices');
    term.send('y');
    await term.waitFor('running in this console (no daemon alive)');
    process.kill(term.pid, 'SIGTERM');
    expect((await term.exit).exitCode).toBe(143);
    expect(term.alternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
    const sweep = (await db.knex('jobs').whereNull('parentJobId').where({ kind: 'retrieval' }).orderBy('createdAt', 'desc').first('status')) as { status: string };
    expect(['cancelled', 'succeeded']).toContain(sweep.status);
  });
});
