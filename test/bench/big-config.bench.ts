import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setSetting } from '../../src/config/settings-store.js';
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
import { firstJsonLine, startChild } from './bench-child.js';
import type { Fleet } from './sweep.bench.js';
import { netravenBin, runTimed, type TimedRun } from './timed-process.js';

const MIB = 2 ** 20;

/**
 * `npm run bench -- big-config [MB…]` (default 10 and 100): one simulated cisco_ios device whose running
 * configuration is that large, retrieved by `netraven retrieve --device` and printed by `netraven configs show`
 * (stdout read to the end by this process), both through the installed binary with retrieval.max_output_bytes
 * raised. Reports each process's peak RSS against the target: 3 × the configuration size + 150 MB.
 */
export async function run(args: string[]): Promise<void> {
  const sizes = (args.length > 0 ? args.map(Number) : [10, 100]).map((mb) => mb * 1_000_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-big-config-'));
  try {
    await withBenchUrl(async (url) => {
      const knex = createKnex(url, 2);
      try {
        await initDatabase(knex);
        console.log(`machine: ${machine()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; NetRaven binary ${path.relative(process.cwd(), netravenBin())}`);
        const keyFile = path.join(work, 'keyring.json');
        createFileAtomic(keyFile, serialiseKeyring({ file: keyFile, keys: [generateKey()] }));
        await createCredential({ knex, keyring: new KeyringSource(keyFile) }, { name: 'big', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: ['big'] });
        await setSetting(knex, 'retrieval.max_output_bytes', 512 * MIB);
        await setSetting(knex, 'retrieval.overall_timeout_seconds', 3600);
        await setSetting(knex, 'retrieval.idle_timeout_seconds', 600);
        const home = path.join(work, 'home');
        fs.mkdirSync(home, { mode: 0o700 });
        const env = { DATABASE_URL: url, NETRAVEN_KEY_FILE: keyFile, NETRAVEN_HOME: home, CI: undefined };
        const node = (...argv: string[]): Promise<TimedRun> => runTimed(process.execPath, ['--import', path.join(import.meta.dirname, 'exit-report.mjs'), netravenBin(), ...argv], env);
        console.log('| configuration | stored | retrieve: wall | retrieve: peak RSS | configs show: wall | configs show: peak RSS | target (3 × size + 150 MB) |');
        console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
        for (const bytes of sizes) {
          const fleetChild = startChild('sweep-fleet.child.ts', ['1', '0', String(bytes), '0']);
          try {
            const fleet = await firstJsonLine<Fleet>(fleetChild);
            const hostname = `big-${bytes / 1_000_000}mb`;
            const target = fleet.devices[0]!;
            await knex.transaction(async (trx) => {
              const devices = await upsertDevices(trx, [{ hostname, ipAddress: target.host, port: target.port, deviceType: 'cisco_ios' }]);
              await replaceDeviceTags(trx, new Map(devices.map((d) => [d.id, ['big']])));
            });
            const retrieve = await node('retrieve', '--device', hostname);
            if (retrieve.code !== 0) throw new Error(`retrieve failed: ${retrieve.stderr.slice(-1000)}`);
            const stored = await knex('device_configurations').join('devices', 'devices.id', 'device_configurations.device_id').where('devices.hostname', hostname).first('device_configurations.size_bytes as size');
            const show = await node('configs', 'show', hostname, '--raw');
            if (show.code !== 0) throw new Error(`configs show failed: ${show.stderr.slice(-1000)}`);
            const target3x = (3 * Number(stored!.size) + 150_000_000) / MIB;
            const mark = (rss: number) => `${rss.toFixed(0)} MiB${rss <= target3x ? '' : ' **over**'}`;
            console.log(
              `| ${(bytes / 1_000_000).toFixed(0)} MB | ${(Number(stored!.size) / MIB).toFixed(1)} MiB | ${retrieve.wallSeconds.toFixed(1)} s | ${mark(retrieve.peakRssMiB)} | ${show.wallSeconds.toFixed(1)} s | ${mark(show.peakRssMiB)} | ${target3x.toFixed(0)} MiB |`,
            );
          } finally {
            fleetChild.stdin!.end();
            await new Promise((resolve) => (fleetChild.exitCode === null ? fleetChild.once('exit', resolve) : resolve(undefined)));
          }
        }
      } finally {
        await knex.destroy();
      }
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
