import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
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
import { postgresCpuSeconds, processCpuSeconds } from './proc-cpu.js';
import { badInputScenario } from './sweep-bad-input.js';
import { medianRow, printTable, type SweepRow } from './sweep-table.js';
import { asyncsshPython, netravenBin, runTimed, type TimedRun } from './timed-process.js';

export interface Target {
  hostname: string;
  host: string;
  port: number;
}

export interface Fleet {
  devices: Target[];
  hanging: Target[];
  refusing: Target[];
}

export const CONCURRENCY = 50;
const LATENCY_MS = 20;
const CONFIG_BYTES = 50_000;

/** Everything one measured run needs. */
export interface BenchSetup {
  knex: Knex;
  url: string;
  keyFile: string;
  home: string;
  work: string;
  fleetPid: number;
}

/** Adds devices under a fresh hostname prefix with one tag, and makes them the only enabled ones (what `--all` sweeps). */
export async function enrolOnly(knex: Knex, prefix: string, targets: Target[]): Promise<void> {
  await knex.transaction(async (trx) => {
    const devices = await upsertDevices(trx, targets.map((t) => ({ hostname: `${prefix}-${t.hostname}`, ipAddress: t.host, port: t.port, deviceType: 'cisco_ios' })));
    await replaceDeviceTags(trx, new Map(devices.map((d) => [d.id, ['bench']])));
    await trx('devices').update({ enabled: knex.raw('hostname LIKE ?', [`${prefix}-%`]) });
  });
}

/** `netraven retrieve --all` through the installed binary, measured from spawn to exit (start-up included). */
export function netravenRetrieve(setup: BenchSetup, extraEnv: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const args = ['--import', path.join(import.meta.dirname, 'exit-report.mjs'), ...profile, netravenBin(), 'retrieve', '--all'];
  return runTimed(process.execPath, args, { DATABASE_URL: setup.url, NETRAVEN_KEY_FILE: setup.keyFile, NETRAVEN_HOME: setup.home, CI: undefined, ...extraEnv });
}

/** Runs one process and adds the CPU seconds the fleet and PostgreSQL spent meanwhile. */
async function measured(setup: BenchSetup, label: string, devices: number, run: () => Promise<TimedRun>): Promise<SweepRow> {
  const [fleetBefore, pgBefore] = [processCpuSeconds(setup.fleetPid), postgresCpuSeconds()];
  const timed = await run();
  if (timed.code !== 0) process.stderr.write(`bench: ${label} exited with ${timed.code}: ${timed.stderr.slice(-2000)}\n`);
  const insideSeconds = Number(timed.report?.seconds ?? timed.wallSeconds);
  return {
    label,
    devices,
    wallSeconds: timed.wallSeconds,
    insideSeconds,
    cpuSeconds: timed.cpuSeconds,
    systemSeconds: timed.systemSeconds,
    peakRssMiB: timed.peakRssMiB,
    fleetCpuSeconds: processCpuSeconds(setup.fleetPid) - fleetBefore,
    postgresCpuSeconds: postgresCpuSeconds() - pgBefore,
    load: os.loadavg()[0]!,
  };
}

async function sweepSize(setup: BenchSetup, fleet: Fleet, n: number, rounds: number, python: string | undefined): Promise<void> {
  const targets = fleet.devices.slice(0, n);
  const targetFile = path.join(setup.work, `targets-${n}.json`);
  fs.writeFileSync(targetFile, JSON.stringify({ devices: targets }));
  const floorDir = path.join(setup.work, `floor-${n}`);
  const rows: SweepRow[] = [];
  for (let round = 1; round <= rounds; round++) {
    await enrolOnly(setup.knex, `r${round}n${n}`, targets);
    // Alternating: floor, NetRaven, floor, NetRaven, so load from elsewhere hits both alike.
    if (python !== undefined) {
      fs.rmSync(floorDir, { recursive: true, force: true });
      fs.mkdirSync(floorDir);
      const script = path.join(import.meta.dirname, 'sweep-floor-asyncssh.py');
      rows.push(await measured(setup, 'floor: asyncssh', n, () => runTimed(python, ['-W', 'ignore', script, targetFile, String(CONCURRENCY), floorDir])));
    }
    rows.push(await measured(setup, 'NetRaven first sweep', n, () => netravenRetrieve(setup)));
    rows.push(await measured(setup, 'floor: ssh2 (Node)', n, () => runTimed(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sweep-floor.child.ts'), targetFile, String(CONCURRENCY)])));
    rows.push(await measured(setup, 'NetRaven nightly sweep', n, () => netravenRetrieve(setup)));
    for (const row of rows.slice(-4)) console.log(`  N=${n} round ${round}: ${row.label.padEnd(24)} ${(row.devices / row.wallSeconds).toFixed(1)} devices/s end to end, ${((row.cpuSeconds * 1000) / row.devices).toFixed(2)} ms CPU/device (${((row.systemSeconds * 1000) / row.devices).toFixed(2)} system), ${row.peakRssMiB.toFixed(0)} MiB, load ${row.load.toFixed(2)}`);
  }
  const labels = [...new Set(rows.map((r) => r.label))];
  printTable(n, labels.map((label) => medianRow(rows.filter((r) => r.label === label))));
}

/**
 * `npm run bench -- sweep [N…] [--rounds R] [--bad-input]`: N simulated cisco_ios devices (default 500 and 1,000;
 * 20 ms per reply, ~50 KB configuration) swept by `netraven retrieve --all` (the installed binary, start-up
 * included) into PostgreSQL, alternating with two floors: a bare asyncssh client (Debian's python3) and a bare
 * ssh2 client (Node), same commands and concurrency. Medians of R rounds (default 3). `--bad-input` adds 5 %
 * hanging and 5 % login-refusing devices and compares the good devices' rate with a clean sweep.
 */
export async function run(args: string[]): Promise<void> {
  const flag = (name: string) => args.includes(name);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt === -1 ? 3 : Number(args[roundsAt + 1]);
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--rounds').map(Number);
  if (sizes.length === 0) sizes.push(500, 1000);
  const badInput = flag('--bad-input');
  const configBytes = Number(process.env.BENCH_CONFIG_BYTES ?? CONFIG_BYTES);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-sweep-bench-'));
  const fleetChild = startChild('sweep-fleet.child.ts', [String(Math.max(...sizes)), String(LATENCY_MS), String(configBytes), badInput ? '0.05' : '0']);
  try {
    const fleet = await firstJsonLine<Fleet>(fleetChild);
    await withBenchUrl(async (url) => {
      const knex = createKnex(url, 10);
      try {
        await initDatabase(knex);
        const { rows } = await knex.raw('SHOW server_version');
        console.log(`machine: ${machine()}; PostgreSQL ${rows[0].server_version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
        console.log(`fleet: ${fleet.devices.length} simulated cisco_ios devices in a child process, ${LATENCY_MS} ms per reply, ~${configBytes / 1000} KB configuration; concurrency ${CONCURRENCY}; NetRaven binary ${path.relative(process.cwd(), netravenBin())}`);
        const keyFile = path.join(work, 'keyring.json');
        createFileAtomic(keyFile, serialiseKeyring({ file: keyFile, keys: [generateKey()] }));
        await createCredential({ knex, keyring: new KeyringSource(keyFile) }, { name: 'bench', username: 'admin', secret: 'admin-pass', enableSecret: 'enable-pass', tags: ['bench'] });
        const home = path.join(work, 'home');
        fs.mkdirSync(home, { mode: 0o700 });
        const setup: BenchSetup = { knex, url, keyFile, home, work, fleetPid: fleetChild.pid! };
        if (badInput) await badInputScenario(setup, fleet, sizes[0]!);
        else {
          const python = asyncsshPython();
          for (const n of sizes) await sweepSize(setup, fleet, n, rounds, python);
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
