import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';
import { runInPty } from '../../support/pty.js';

describe('on a terminal: progress bar, colours, escaped device text', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-pty-');
  // A function: db.url is only known once the database hook has run.
  const env = () => ({ DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  const sims: SimulatedDevice[] = [];

  beforeAll(async () => {
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    expect((await runCli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'lab', '--tag', 'other', '--enable'], { env: env(), input: 'admin-pass\nenable-pass\n' })).code).toBe(0);
    for (let i = 1; i <= 3; i++) {
      const sim = await startSimulatedDevice({ driver: 'arista_eos', hostname: `leaf-${i}`, enableSecret: 'enable-pass' });
      sims.push(sim);
      expect((await runCli(['devices', 'add', `leaf-${i}`, '--ip', sim.host, '--port', String(sim.port), '--type', 'arista_eos', '--tag', 'lab'], { env: env() })).code).toBe(0);
    }
    // A device that refuses the configuration command.
    const hostile = await startSimulatedDevice({ driver: 'cisco_ios', enableSecret: 'enable-pass', rejectCommands: ['show running-config'] });
    sims.push(hostile);
    expect((await runCli(['devices', 'add', 'hostile', '--ip', hostile.host, '--port', String(hostile.port), '--type', 'cisco_ios', '--tag', 'other'], { env: env() })).code).toBe(0);
  });
  afterAll(async () => {
    await Promise.allSettled(sims.map((sim) => sim.close()));
  });

  it('retrieve draws a progress bar in place and ends with the summary', async () => {
    const { code, screen } = await runInPty(['retrieve', '--tag', 'lab'], env());
    expect(code).toBe(0);
    expect(screen).toMatch(/\r\x1b\[K\[#{24}\] 3\/3 {2}changed 3 {2}unchanged 0 {2}failed 0 {2}[\d.]+\/s/);
    expect(screen).toMatch(/retrieval job [0-9a-f-]{36} succeeded: 3 devices in /);
    // No per-device line on a terminal when everything went well: the bar said it all.
    expect(screen).not.toMatch(/^changed {3}leaf-1/m);
  });

  it('a failure is printed above the bar in red, then the summary and the one-line error', async () => {
    const { code, screen } = await runInPty(['retrieve', '--device', 'hostile'], env());
    expect(code).toBe(2);
    expect(screen).toMatch(/\r\x1b\[K\x1b\[31mfailed {3}\x1b\[0m hostile {2}COMMAND_REJECTED: .*"show running-config".*\r\n/);
    expect(screen).toMatch(/failed {5}\x1b\[31m1 {2}\(COMMAND_REJECTED 1\)\x1b\[0m/);
    expect(screen).toContain('netraven: RETRIEVAL_FAILED: 1 of 1 devices failed');
  });

  it('configs diff is coloured on a terminal, plain when NO_COLOR is set', async () => {
    expect(await db.knex('devices').where({ hostname: 'leaf-1' }).update({ port: sims[1]!.port })).toBe(1);
    const again = await runCli(['retrieve', '--device', 'leaf-1'], { env: env() });
    expect(again.stdout).toMatch(/^changed {3}leaf-1 /m);
    const coloured = await runInPty(['configs', 'diff', 'leaf-1'], env());
    expect(coloured.code, coloured.screen).toBe(0);
    expect(coloured.screen).toMatch(/\x1b\[31m-hostname leaf-1\x1b\[0m/);
    expect(coloured.screen).toMatch(/\x1b\[32m\+hostname leaf-2\x1b\[0m/);
    const plain = await runInPty(['configs', 'diff', 'leaf-1'], { ...env(), NO_COLOR: '1' });
    expect(plain.screen).toContain('-hostname leaf-1');
    expect(plain.screen).not.toContain('\x1b[');
  });
});
