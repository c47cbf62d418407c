import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileAtomic } from '../../src/credentials/atomic-file.js';
import { createCredential } from '../../src/credentials/credential-service.js';
import { serialiseKeyring } from '../../src/credentials/keyring-file.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { generateKey } from '../../src/credentials/keyring.js';
import { createKnex } from '../../src/db/connection.js';
import { initDatabase } from '../../src/db/init.js';
import { replaceDeviceTags } from '../../src/db/queries/replace-device-tags.js';
import { upsertDevices } from '../../src/db/queries/upsert-devices.js';
import { machine, withBenchUrl } from './bench-database.js';
import { firstJsonLine, runMeasuredChild, startChild, type ChildMeasurement } from './bench-child.js';
import { postgresCpuSeconds, processCpuSeconds } from './proc-cpu.js';

interface Target {
  hostname: string;
  host: string;
  port: number;
}

const CONCURRENCY = 50;
const LATENCY_MS = 20;
const CONFIG_BYTES = 50_000;

/** Runs a measured child and adds the CPU seconds the fleet and PostgreSQL spent meanwhile. */
async function measured(script: string, args: string[], fleetPid: number): Promise<ChildMeasurement> {
  const [fleetBefore, pgBefore] = [processCpuSeconds(fleetPid), postgresCpuSeconds()];
  const m = await runMeasuredChild(script, args);
  return { ...m, fleetCpuSeconds: processCpuSeconds(fleetPid) - fleetBefore, postgresCpuSeconds: postgresCpuSeconds() - pgBefore };
}

function row(label: string, m: ChildMeasurement, floor?: ChildMeasurement): string {
  const ratio = floor === undefined ? '' : `  ${((m.devicesPerSecond / floor.devicesPerSecond) * 100).toFixed(0)}% of floor`;
  const extra = m.changed === undefined ? '' : `  (changed ${m.changed}, unchanged ${m.unchanged}, failed ${m.failed})`;
  const others = `  [fleet CPU ${Number(m.fleetCpuSeconds).toFixed(1)} s, PostgreSQL CPU ${Number(m.postgresCpuSeconds).toFixed(1)} s]`;
  return `${label.padEnd(22)} ${m.devicesPerSecond.toFixed(1).padStart(7)} devices/s  ${m.seconds.toFixed(2).padStart(6)} s  CPU ${m.cpuSeconds.toFixed(2).padStart(6)} s  peak RSS ${m.peakRssMiB.toFixed(0).padStart(4)} MiB${ratio}${extra}${others}`;
}

/**
 * `npm run bench -- sweep [N…]`: N simulated devices (default 100 and 1,000; 20 ms per reply, ~50 KB
 * configuration) swept through the real retrieval path into PostgreSQL, and the floor: a bare ssh2
 * client doing the same commands with the same concurrency. The fleet, NetRaven and the floor each run
 * in their own child process, so each one's CPU seconds and peak RSS are its own.
 */
export async function run(args: string[]): Promise<void> {
  const sizes = args.length > 0 ? args.map(Number) : [100, 1000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-sweep-bench-'));
  const fleetChild = startChild('sweep-fleet.child.ts', [String(Math.max(...sizes)), String(LATENCY_MS), String(CONFIG_BYTES)]);
  try {
    const fleet = await firstJsonLine<{ devices: Target[] }>(fleetChild);
    await withBenchUrl(async (url) => {
      const knex = createKnex(url, 10);
      try {
        await initDatabase(knex);
        const { rows } = await knex.raw('SHOW server_version');
        console.log(`machine: ${machine()}; PostgreSQL ${rows[0].server_version}`);
        console.log(`fleet: ${fleet.devices.length} simulated cisco_ios devices in a child process, ${LATENCY_MS} ms per reply, ~${CONFIG_BYTES / 1000} KB configuration; concurrency ${CONCURRENCY}`);
        const keyFile = path.join(work, 'keyring.json');
        createFileAtomic(keyFile, serialiseKeyring({ file: keyFile, keys: [generateKey()] }));
        const keyring = new KeyringSource(keyFile);
        await createCredential({ knex, keyring }, { name: 'bench', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: sizes.map((n) => `n${n}`) });
        for (const n of sizes) {
          const targets = fleet.devices.slice(0, n);
          await knex.transaction(async (trx) => {
            const devices = await upsertDevices(trx, targets.map((t) => ({ hostname: `n${n}-${t.hostname}`, ipAddress: t.host, port: t.port, deviceType: 'cisco_ios' })));
            await replaceDeviceTags(trx, new Map(devices.map((d) => [d.id, [`n${n}`]])));
          });
          const targetFile = path.join(work, `targets-${n}.json`);
          fs.writeFileSync(targetFile, JSON.stringify({ devices: targets }));

          const pid = fleetChild.pid!;
          const floor = await measured('sweep-floor.child.ts', [targetFile, String(CONCURRENCY)], pid);
          const first = await measured('sweep-netraven.child.ts', [url, keyFile, `n${n}`, String(CONCURRENCY)], pid);
          const second = await measured('sweep-netraven.child.ts', [url, keyFile, `n${n}`, String(CONCURRENCY)], pid);
          const stored = await knex('device_configurations').join('devices', 'devices.id', 'device_configurations.device_id').where('devices.hostname', 'like', `n${n}-%`).count('* as count');
          console.log(`\nN = ${n}  (${Number(stored[0]!.count)} versions stored; ~${floor.bytesPerDevice} bytes received per device)`);
          console.log(row('floor (bare ssh2)', floor));
          console.log(row('NetRaven, all changed', first, floor));
          console.log(row('NetRaven, unchanged', second, floor));
        }
      } finally {
        await knex.destroy();
      }
    });
  } finally {
    fleetChild.stdin!.end();
    await new Promise((resolve) => (fleetChild.exitCode === null ? fleetChild.once('exit', resolve) : resolve(undefined)));
    fs.rmSync(work, { recursive: true, force: true });
  }
}
