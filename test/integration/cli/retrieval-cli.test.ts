import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, transcript } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { loadTranscript, startSimulatedDevice, type SimulatedDevice } from '../../support/device-simulator/index.js';
import { tempDir } from '../../support/keyring.js';

const SECRETS = ['admin-pass', 'enable-pass'];

describe('retrieval end to end through the real CLI against simulated devices', () => {
  const db = useTestDatabase();
  const home = tempDir('netraven-cli-');
  const keyFile = path.join(home, 'keyring.json');
  const cli = (args: string[], input?: string) => runCli(args, { env: { DATABASE_URL: db.url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile }, input });
  const sims: SimulatedDevice[] = [];
  let core: SimulatedDevice;
  let coreLarger: SimulatedDevice;
  let leaf: SimulatedDevice;

  function csv(rows: string[]): string {
    const file = path.join(home, `devices-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, `hostname,ip,port,device_type,tags\r\n${rows.join('\r\n')}\r\n`);
    return file;
  }

  beforeAll(async () => {
    core = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass' });
    sims.push(core);
    // The same device after a change: eight more interfaces in its running-config.
    coreLarger = await startSimulatedDevice({ driver: 'cisco_ios', hostname: 'core-sw1', enableSecret: 'enable-pass', configBytes: 4_000 });
    sims.push(coreLarger);
    leaf = await startSimulatedDevice({ driver: 'arista_eos', hostname: 'leaf-1', enableSecret: 'enable-pass' });
    sims.push(leaf);
  });
  afterAll(async () => {
    await Promise.allSettled(sims.map((sim) => sim.close()));
  });

  it('db init, devices import, credentials add', async () => {
    expect((await cli(['db', 'init'])).code).toBe(0);
    const file = csv([`core-sw1,${core.host},${core.port},cisco_ios,core`, `"leaf-1",${leaf.host},${leaf.port},arista_eos,leaf;dc1`]);
    const imported = await cli(['devices', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`imported 2 devices from ${file}: 2 added, 0 updated\n`);
    const added = await cli(['credentials', 'add', '--name', 'lab', '--username', 'admin', '--tag', 'core', '--tag', 'leaf', '--enable'], 'admin-pass\nenable-pass\n');
    expect(added.code, added.stderr).toBe(0);
  });

  it('retrieve --all stores both devices; without a terminal it prints one plain line per device and a summary', async () => {
    const run = await cli(['retrieve', '--all']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^changed {3}core-sw1 {2}\d+ bytes {2}\d+\.\d\d s {2}\(credential lab\)$/m);
    expect(run.stdout).toMatch(/^changed {3}leaf-1 /m);
    expect(run.stdout).toMatch(/^retrieval job [0-9a-f-]{36} succeeded: 2 devices in /m);
    expect(run.stdout).toContain('  changed    2\n  unchanged  0\n  failed     0\n');
    expect(run.stdout).not.toContain('\x1b');
  });

  it('a second retrieve --all on unchanged devices stores no new version (--json)', async () => {
    const run = await cli(['retrieve', '--all', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: 'succeeded', total: 2, changed: 0, unchanged: 2, failed: 0 });
    expect(summary.devices.map((d: { status: string }) => d.status)).toEqual(['unchanged', 'unchanged']);
    const counted = await db.knex('device_configurations').count('* as count');
    expect(Number(counted[0]!.count)).toBe(2);
  });

  it('a changed device gets a new version; configs history, diff and show', async () => {
    // Re-import: the same hostname now points at the changed device (updated, not duplicated).
    const imported = await cli(['devices', 'import', csv([`CORE-SW1,${coreLarger.host},${coreLarger.port},cisco_ios,core`])]);
    expect(imported.stdout).toContain('0 added, 1 updated');
    const run = await cli(['retrieve', '--device', 'core-sw1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^changed {3}CORE-SW1 /m);

    const history = await cli(['configs', 'history', 'core-sw1', '--json']);
    const versions = JSON.parse(history.stdout).items as Array<{ id: string; sizeBytes: number }>;
    expect(versions).toHaveLength(2);
    expect(versions[0]!.sizeBytes).toBeGreaterThan(versions[1]!.sizeBytes);
    const [newer, older] = [versions[0]!.id, versions[1]!.id];

    const diff = await cli(['configs', 'diff', 'core-sw1']);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout.startsWith(`--- CORE-SW1@${older.slice(0, 8)}\t`)).toBe(true);
    expect(diff.stdout).toContain(`+++ CORE-SW1@${newer.slice(0, 8)}\t`);
    expect(diff.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(diff.stdout).toMatch(/^\+ description padded access port 1$/m);
    expect(diff.stdout).not.toMatch(/^-(?!-- )/m);
    expect(diff.stdout).not.toContain('\x1b');

    const reverse = await cli(['configs', 'diff', 'core-sw1', newer.slice(0, 8), older]);
    expect(reverse.stdout).toMatch(/^- description padded access port 1$/m);

    const shown = await cli(['configs', 'show', 'core-sw1', '--version', older.slice(0, 10)]);
    expect(shown.stdout).toBe(loadTranscript('cisco_ios').expected);
    const latest = await cli(['configs', 'show', 'core-sw1']);
    expect(latest.stdout).toContain(' description padded access port 1\n');
  });

  it('search finds devices and lines in the latest versions, --history in older ones too', async () => {
    const found = await cli(['search', 'description padded access port 1']);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/^CORE-SW1 {2}\S+ {2}version [0-9a-f-]{36}\n/);
    expect(found.stdout).toMatch(/^ +\d+: {2}description padded access port 1$/m);
    const json = JSON.parse((await cli(['search', 'hostname', '--json'])).stdout) as { matches: Array<{ hostname: string }> };
    expect(json.matches.map((m) => m.hostname).sort()).toEqual(['CORE-SW1', 'leaf-1']);
    const latestOnly = JSON.parse((await cli(['search', 'core-sw1', '--json'])).stdout) as { matches: unknown[] };
    const withHistory = JSON.parse((await cli(['search', 'core-sw1', '--json', '--history'])).stdout) as { matches: unknown[] };
    expect(withHistory.matches.length).toBe(latestOnly.matches.length + 1);
    const none = await cli(['search', 'no-such-text-anywhere']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no configuration contains "no-such-text-anywhere"');
  });

  it('a failed device: plain failure line, summary by class, one-line error and exit code 2', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((await cli(['devices', 'add', 'gone-1', '--ip', '127.0.0.1', '--port', String(port), '--type', 'cisco_ios', '--tag', 'core'])).code).toBe(0);
    const run = await cli(['retrieve', '--tag', 'core']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^failed {4}gone-1 {2}UNREACHABLE: /m);
    expect(run.stdout).toContain('  failed     1  (UNREACHABLE 1)\n');
    expect(run.stdout).toMatch(/^failed devices:\n {2}gone-1 {2}UNREACHABLE: /m);
    expect(run.stderr).toMatch(/^netraven: RETRIEVAL_FAILED: 1 of 2 devices failed; /);
    const list = JSON.parse((await cli(['devices', 'list', '--json'])).stdout) as { items: Array<{ hostname: string; lastRetrievalStatus: string; lastRetrievalErrorCode: string | null }> };
    expect(list.items.find((d) => d.hostname === 'gone-1')).toMatchObject({ lastRetrievalStatus: 'failed', lastRetrievalErrorCode: 'UNREACHABLE' });
  });

  it('accept-hostkey forgets the trusted key; remove refuses a device with history unless --yes', async () => {
    const accepted = await cli(['devices', 'accept-hostkey', 'core-sw1']);
    expect(accepted.stdout).toBe(`CORE-SW1: forgot host key ${coreLarger.hostKeyFingerprint}; the next retrieval trusts the key the device presents\n`);
    expect(await db.knex('devices').where({ hostname: 'CORE-SW1' }).first('hostKeyFingerprint')).toEqual({ hostKeyFingerprint: null });
    const refused = await cli(['devices', 'remove', 'core-sw1']);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('has 2 stored configuration versions');
    const removed = await cli(['devices', 'remove', 'core-sw1', '--yes']);
    expect(removed.stdout).toBe('removed CORE-SW1 and its 2 stored versions\n');
  });

  it('no secret appears in any output of any command', () => {
    const all = transcript.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
