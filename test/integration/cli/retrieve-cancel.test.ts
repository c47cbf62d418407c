import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { startSimulatedFleet, type SimulatedFleet } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';

describe('Ctrl-C during netraven retrieve', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-cancel-');
  const env = () => ({ ...process.env, DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
  let fleet: SimulatedFleet;

  beforeAll(async () => {
    // 60 ms per reply: about half a second per device, two at a time.
    fleet = await startSimulatedFleet(12, { driver: 'arista_eos', enableSecret: 'enable-pass', hostnamePrefix: 'slow', latencyMs: 60 });
    expect((await runCli(['db', 'init'], { env: env() })).code).toBe(0);
    expect((await runCli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'slow', '--enable'], { env: env(), input: 'admin-pass\nenable-pass\n' })).code).toBe(0);
    const file = path.join(home, 'fleet.csv');
    fs.writeFileSync(file, ['hostname,ip,port,device_type,tags', ...fleet.devices.map((sim) => `${sim.hostname},${sim.host},${sim.port},arista_eos,slow`)].join('\n'));
    expect((await runCli(['devices', 'import', file], { env: env() })).code).toBe(0);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('starts no new device, lets the running ones finish, records the sweep as cancelled and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'retrieve', '--all', '--concurrency', '2'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const first = stdout === '';
        stdout += chunk.toString();
        if (first) child.kill('SIGINT');
      });
      child.on('close', (exit) => resolve(exit));
    });
    expect(code).toBe(130);
    expect(stderr).toContain('netraven: cancelling: waiting for the devices already running');
    expect(stdout).toMatch(/^retrieval job [0-9a-f-]{36} cancelled: 12 devices/m);
    const parent = await db.knex('jobs').whereNull('parentJobId').where({ kind: 'retrieval' }).first('id', 'status', 'progressDone', 'leaseOwner');
    expect(parent).toMatchObject({ status: 'cancelled', leaseOwner: null });
    const children = (await db.knex('jobs').where({ parentJobId: parent.id }).select('status')) as Array<{ status: string }>;
    const succeeded = children.filter((c) => c.status === 'succeeded').length;
    expect(succeeded).toBe(parent.progressDone);
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(succeeded).toBeLessThanOrEqual(4);
    expect(children.filter((c) => c.status === 'cancelled')).toHaveLength(12 - succeeded);
    // Nothing was left half-done: every device has either a version or no retrieval at all.
    const touched = await db.knex('devices').whereNotNull('lastRetrievalAt').count('* as count');
    expect(Number(touched[0]!.count)).toBe(succeeded);
  });
});
