import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';

describe('the default tag: a first-time operator adds one credential and retrieval works', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-default-tag-');
  const cli = (args: string[], input?: string) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') }, input });
  let sw: SimulatedDevice;
  let fw: SimulatedDevice;

  beforeAll(async () => {
    sw = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'first-sw', enableSecret: 'enable-pass' });
    fw = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'first-fw', enableSecret: 'enable-pass' });
  });
  afterAll(async () => {
    await Promise.allSettled([sw?.close(), fw?.close()]);
  });

  it('db init seeds the default tag; devices added or imported without tags get it, devices with tags do not', async () => {
    expect((await cli(['db', 'init'])).stdout).toContain('created keyring');
    expect((await db.knex('tags').where({ name: 'default' }).first('description'))?.description).toMatch(/without tags/);
    const added = await cli(['devices', 'add', 'first-sw', '--ip', sw.host, '--port', String(sw.port), '--type', 'cisco_ios']);
    expect(added.stdout).toContain('tags: default');
    const file = path.join(home, 'devices.csv');
    fs.writeFileSync(file, `hostname,ip,port,device_type\nfirst-fw,${fw.host},${fw.port},cisco_ios\n`);
    expect((await cli(['devices', 'import', file])).code).toBe(0);
    expect((await cli(['devices', 'add', 'tagged-1', '--ip', '192.0.2.50', '--type', 'cisco_ios', '--tag', 'core'])).stdout).toContain('tags: core)');
    const list = await cli(['devices', 'list', '--tag', 'default', '--json']);
    expect((JSON.parse(list.stdout) as { items: Array<{ hostname: string; tags: string[] }> }).items.map((d) => [d.hostname, d.tags])).toEqual([
      ['first-fw', ['default']],
      ['first-sw', ['default']],
    ]);
  });

  it('one credential tagged default logs into every untagged device', async () => {
    const credential = await cli(['credentials', 'add', '--name', 'first', '--username', 'admin', '--tag', 'default', '--enable'], 'admin-pass\nenable-pass\n');
    expect(credential.code, credential.stderr).toBe(0);
    const run = await cli(['retrieve', '--tag', 'default']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^changed {3}first-fw .*\(credential first\)$/m);
    expect(run.stdout).toMatch(/^changed {3}first-sw .*\(credential first\)$/m);
  });
});
