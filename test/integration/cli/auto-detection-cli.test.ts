import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDrivers } from '../../../src/devices/drivers/registry.js';
import { runCli, transcript } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';

/**
 * Issue 13 "done when", as an operator does it: `devices add x --type auto` (and `auto` in a CSV for the
 * rest), then `retrieve --all` against a simulated device of every platform; `devices list` then shows the
 * driver each one was detected as. Five CLI processes in all, whatever the number of drivers.
 */
describe('device_type auto through the real CLI, one simulated device per platform', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-auto-cli-');
  const cli = (args: string[], input?: string) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') }, input, timeoutMs: 240_000 });
  const sims = new Map<string, SimulatedDevice>();
  const hostOf = (driver: string) => `auto-${driver.replace(/_/g, '-')}`;

  beforeAll(async () => {
    for (const driver of listDrivers()) sims.set(driver, await startSimulatedDevice({ driver, hostname: 'core-sw1', enableSecret: 'enable-pass' }));
  });
  afterAll(async () => {
    await Promise.allSettled([...sims.values()].map((sim) => sim.close()));
  });

  it('db init; one device added with --type auto, the others imported with auto; a credential for them', async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
    const [first, ...rest] = listDrivers();
    const sim = sims.get(first!)!;
    const added = await cli(['devices', 'add', hostOf(first!), '--ip', sim.host, '--port', String(sim.port), '--type', 'auto', '--tag', 'lab']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`added ${hostOf(first!)} (auto at `);
    const file = path.join(home, 'devices.csv');
    const rows = rest.map((driver) => `${hostOf(driver)},${sims.get(driver)!.host},${sims.get(driver)!.port},auto,lab`);
    fs.writeFileSync(file, `hostname,ip,port,device_type,tags\n${rows.join('\n')}\n`);
    const imported = await cli(['devices', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`${rest.length} added`);
    const credential = await cli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'lab', '--enable'], 'admin-pass\nenable-pass\n');
    expect(credential.code, credential.stderr).toBe(0);
  });

  it('retrieve --all detects every platform and stores one version each', async () => {
    const run = await cli(['retrieve', '--all', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { total: number; changed: number; failed: number };
    expect(summary).toMatchObject({ total: listDrivers().length, changed: listDrivers().length, failed: 0 });
  }, 300_000);

  it('devices list shows the driver each device was detected as', async () => {
    const listed = await cli(['devices', 'list', '--json', '--limit', '1000']);
    expect(listed.code, listed.stderr).toBe(0);
    const parsed = JSON.parse(listed.stdout) as { items?: Array<{ hostname: string; deviceType: string }> } | Array<{ hostname: string; deviceType: string }>;
    const items = Array.isArray(parsed) ? parsed : parsed.items!;
    const types = Object.fromEntries(items.map((d) => [d.hostname, d.deviceType]));
    expect(types).toEqual(Object.fromEntries(listDrivers().map((driver) => [hostOf(driver), driver])));
  });

  it('no output carried a credential', () => {
    for (const text of transcript) {
      expect(text).not.toContain('admin-pass');
      expect(text).not.toContain('enable-pass');
    }
  });
});
