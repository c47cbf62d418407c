/**
 * `npm run bench -- console-devices [DEVICES] [FLEET]` (also part of `npm run bench -- console`):
 * the devices screen of the real `netraven console` binary, in a pseudo-terminal read through a
 * headless xterm, with DEVICES (default 100,000) devices in the database plus FLEET (default 500)
 * simulated devices in a child process. Times are from writing the key to the pty until the
 * headless terminal has parsed the frame that shows its effect:
 * - first paint: `:devices` Enter until the first rows and the count are on screen (< 1 s);
 * - filter repaint: each key typed into `/` until the rows the new filter selects are shown (< 150 ms p95);
 * - keypress to frame: j / k until the selection moved, idle and while the console retrieves the
 *   FLEET devices in its own process (no daemon alive) after `R` (< 150 ms p95);
 * - RSS of the console process through all of it (< 250 MB).
 * BENCH_CONSOLE_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the console.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileAtomic } from '../../src/credentials/atomic-file.js';
import { serialiseKeyring } from '../../src/credentials/keyring-file.js';
import { KeyringSource } from '../../src/credentials/keyring-source.js';
import { generateKey } from '../../src/credentials/keyring.js';
import { createKnex } from '../../src/db/connection.js';
import { initDatabase } from '../../src/db/init.js';
import { spawnInPty, type PtyConsole } from '../support/pty-terminal.js';
import { firstJsonLine, startChild } from './bench-child.js';
import { machine, quantile, withBenchUrl } from './bench-database.js';
import { addFleet, firstHostname, insertInventory } from './console-inventory.js';
import { processCpuSeconds } from './proc-cpu.js';

const LATENCY_MS = 20;
const CONFIG_BYTES = 50_000;
const FIRST_PAINTS = 10;
// Typed into `/` one key at a time, each followed by as many Backspaces: every hostname key narrows to other first rows.
const TYPED = ['lon-sw3799', 'prg-sw2468', 'zrh-sw1357', 'ber-sw3975', 'mad-sw2864', 'osl-sw1753'];
const PAGE_DOWNS = 30;
const IDLE_MOVES = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Milliseconds from writing `key` until a parsed frame passes `test` (NaN after timeoutMs). */
function timeKey(term: PtyConsole, key: string, test: (rows: string[]) => boolean, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const done = (ms: number) => {
      stop();
      clearTimeout(timer);
      resolve(ms);
    };
    const stop = term.onScreenUpdate(() => {
      if (test(term.screen())) done(performance.now() - start);
    });
    const timer = setTimeout(() => {
      process.stderr.write(`no frame within ${timeoutMs} ms after ${JSON.stringify(key)} (selected row: ${JSON.stringify(term.selectedRow())}); the screen:\n${term.screen().join('\n')}\n`);
      done(NaN);
    }, timeoutMs);
    term.send(key);
  });
}

/** The hostname a list row shows (after the mark column), if the row is one. */
const hostnameOf = (row: string) => /^[ *] ([A-Za-z0-9][A-Za-z0-9._-]*\d{4})\s/.exec(row)?.[1];

/** The hostnames of the list's visible rows (the line under the HOSTNAME header onwards). */
function listed(rows: string[]): string[] {
  const header = rows.findIndex((r) => r.includes('HOSTNAME') && r.includes('ADDRESS'));
  if (header < 0) return [];
  return rows.slice(header + 1).map(hostnameOf).filter((h): h is string => h !== undefined);
}

function stats(samples: number[]): string {
  const ok = samples.filter((s) => !Number.isNaN(s));
  const lost = samples.length - ok.length;
  if (ok.length === 0) return `no sample${lost ? `, ${lost} timed out` : ''}`;
  return `n ${ok.length}: p50 ${quantile(ok, 0.5).toFixed(0)} ms, p95 ${quantile(ok, 0.95).toFixed(0)} ms, max ${Math.max(...ok).toFixed(0)} ms${lost ? `, ${lost} TIMED OUT (> 10 s)` : ''}`;
}

/** j (k when the selection is not on the top row), each timed until the selection is on the row below (above); `until` ends the run. */
async function moves(term: PtyConsole, until: (i: number) => boolean): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; !until(i); i++) {
    const before = listed(term.screen());
    const at = Math.max(0, before.indexOf(hostnameOf(term.selectedRow() ?? '') ?? ''));
    const [key, expected] = at === 0 ? ['j', before[1]] : ['k', before[at - 1]];
    samples.push(await timeKey(term, key!, () => hostnameOf(term.selectedRow() ?? '') === expected));
    await sleep(100 + Math.random() * 100);
  }
  return samples;
}

export async function run(args: string[]): Promise<void> {
  const [devices = 100_000, fleetSize = 500] = args.map(Number);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-console-devices-'));
  const fleetChild = startChild('sweep-fleet.child.ts', [String(fleetSize), String(LATENCY_MS), String(CONFIG_BYTES)]);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const fleet = await firstJsonLine<{ devices: Array<{ hostname: string; host: string; port: number }> }>(fleetChild);
    await withBenchUrl(async (url) => {
      const knex = createKnex(url, 4);
      try {
        await initDatabase(knex);
        const keyFile = path.join(home, 'keyring.json');
        createFileAtomic(keyFile, serialiseKeyring({ file: keyFile, keys: [generateKey()] }));
        const inserted = await insertInventory(knex, devices);
        await addFleet(knex, new KeyringSource(keyFile), fleet.devices);
        const total = inserted + fleet.devices.length;
        out(`console-devices: ${machine()}; ${total.toLocaleString('en-US')} devices (${inserted.toLocaleString('en-US')} inserted with SQL + ${fleet.devices.length} simulated), 80×24`);

        const opened = performance.now();
        const nodeArgs = (process.env.BENCH_CONSOLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
        const term = spawnInPty(['console'], { DATABASE_URL: url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: keyFile }, { columns: 80, rows: 24 }, nodeArgs);
        await term.waitFor('Recent failures', 120_000);
        out(`  start → overview painted: ${(performance.now() - opened).toFixed(0)} ms (load ${load()}); RSS ${memory(term.pid).rss.toFixed(0)} MiB`);

        // (a) First paint: `:devices` Enter until rows and count are drawn; q back to the overview, again.
        const first = (await firstHostname(knex, ''))!;
        const counted = `Devices ${total.toLocaleString('en-US')} `;
        const rowsAt: number[] = [];
        const paints: number[] = [];
        for (let i = 0; i < FIRST_PAINTS; i++) {
          term.send(':');
          await term.waitFor(/^:/m);
          term.send('devices');
          await term.waitFor(/^:devices/m);
          let rowsMs = NaN;
          const start = performance.now();
          paints.push(await timeKey(term, '\r', (rows) => {
            if (Number.isNaN(rowsMs) && listed(rows)[0] === first) rowsMs = performance.now() - start;
            return !Number.isNaN(rowsMs) && rows.some((r) => r.startsWith(counted));
          }));
          rowsAt.push(rowsMs);
          if (i < FIRST_PAINTS - 1) {
            term.send('q');
            await term.waitFor('Recent failures');
          }
        }
        const afterPaint = memory(term.pid);
        out(`  (a) first paint of devices (target < 1 s; load ${load()}): first ${paints[0]!.toFixed(0)} ms (rows ${rowsAt[0]!.toFixed(0)} ms); all ${stats(paints)}; rows alone ${stats(rowsAt)}`);

        // (b) Filter repaint: each key until the first row is the one the new filter selects.
        const repaints: number[] = [];
        let echoOnly = 0;
        for (const word of TYPED) {
          term.send('/');
          await term.waitFor(/^\/ /m);
          const steps = [...[...word].map((_, i) => word.slice(0, i + 1)), ...[...word].map((_, i) => word.slice(0, word.length - i - 1))];
          const keys = [...word, ...Array.from(word, () => '\x7f')];
          let shownFirst = listed(term.screen())[0];
          for (const [i, text] of steps.entries()) {
            const expected = await firstHostname(knex, text);
            const ms = await timeKey(term, keys[i]!, (rows) => rows.some((r) => r === `/ ${text}` || r.startsWith(`/ ${text} `)) && (expected === undefined ? rows.some((r) => r.includes('no device matches')) : listed(rows)[0] === expected));
            if (expected === shownFirst) echoOnly += 1;
            else repaints.push(ms);
            shownFirst = expected;
            await sleep(100 + Math.random() * 100);
          }
          term.send('\x1b');
          await term.waitFor((s) => listed(s.split('\n'))[0] === first && s.includes(counted));
        }
        const afterFilter = memory(term.pid);
        out(`  (b) filter repaint (target < 150 ms p95; load ${load()}): ${stats(repaints)} (${echoOnly} keys left the first row as it was: not counted)`);

        // Scrolling: PgDn, then G (bottom) and g (top).
        const pages: number[] = [];
        for (let i = 0; i < PAGE_DOWNS; i++) {
          const from = hostnameOf(term.selectedRow() ?? '');
          pages.push(await timeKey(term, '\x1b[6~', () => [undefined, from].every((h) => hostnameOf(term.selectedRow() ?? '') !== h)));
          await sleep(50 + Math.random() * 50);
        }
        const last = ((await knex('devices').orderByRaw('lower(hostname) DESC').first('hostname')) as { hostname: string }).hostname;
        const bottom = await timeKey(term, 'G', (rows) => listed(rows).includes(last));
        const topAgain = await timeKey(term, 'g', (rows) => listed(rows)[0] === first);
        const afterScroll = memory(term.pid);
        out(`  scrolling (load ${load()}): PgDn ${stats(pages)}; G to the last of ${total.toLocaleString('en-US')} ${bottom.toFixed(0)} ms; g back ${topAgain.toFixed(0)} ms`);

        // (c) Keypress to frame: j/k idle, then while the console retrieves the fleet in its own process (twice: all changed, then unchanged).
        term.send('/');
        await term.waitFor(/^\/ /m);
        term.send('tag:fleet\r');
        const fleetCount = `Devices ${fleet.devices.length} matching "tag:fleet"`;
        await term.waitFor(fleetCount);
        await term.waitFor((s) => listed(s.split('\n')).length > 2);
        const idle = await moves(term, (i) => i >= IDLE_MOVES);
        out(`  (c) j/k idle, ${fleet.devices.length} devices listed (load ${load()}): ${stats(idle)}`);
        for (const round of ['all changed', 'unchanged']) {
          term.send('R');
          await term.waitFor(`Retrieve ${fleet.devices.length} devices`);
          if (Number.isNaN(await timeKey(term, 'y', (rows) => rows.some((r) => /^retrieving .* here/.test(r)), 30_000))) throw new Error('the retrieval did not start');
          const cpu = processCpuSeconds(term.pid);
          const began = performance.now();
          let finished = false;
          const finishedWatch = term.onScreenUpdate(() => {
            finished ||= term.screen().some((r) => /retrieved .*: /.test(r));
          });
          const busy = await moves(term, () => finished);
          finishedWatch();
          const seconds = (performance.now() - began) / 1000;
          const share = ((processCpuSeconds(term.pid) - cpu) / seconds) * 100;
          const status = term.screen().find((r) => /retrieved .*: /.test(r))?.trim() ?? '?';
          out(`  (c) j/k during the in-process sweep, ${round} (target < 150 ms p95; load ${load()}): ${stats(busy)}; sweep ${seconds.toFixed(1)} s, console CPU ${share.toFixed(0)} % of one core, "${status}"; RSS ${memory(term.pid).rss.toFixed(0)} MiB`);
          await sleep(1_500);
        }
        const afterSweeps = memory(term.pid);
        out(`  (d) console RSS (target < 250 MB = 238 MiB; load ${load()}): after first paints ${afterPaint.rss.toFixed(0)} MiB, after filtering ${afterFilter.rss.toFixed(0)} MiB, after scrolling ${afterScroll.rss.toFixed(0)} MiB (peak so far ${afterScroll.peak.toFixed(0)} MiB); after the sweeps ${afterSweeps.rss.toFixed(0)} MiB, peak ${afterSweeps.peak.toFixed(0)} MiB`);
        term.send('\x03');
        await term.exit;
      } finally {
        await knex.destroy();
      }
    });
  } finally {
    fleetChild.stdin!.end();
    await new Promise((resolve) => (fleetChild.exitCode === null ? fleetChild.once('exit', resolve) : resolve(undefined)));
    fs.rmSync(home, { recursive: true, force: true });
  }
}
