/**
 * `npm run bench -- console-log` (also part of `npm run bench -- console`): the log screen of
 * the real console, in a pseudo-terminal read through a headless xterm, following a sweep whose
 * devices log 1,000 lines a second for 30 s, written by the job log writer daemons use (default
 * flush: 500 rows / 200 ms) from this process. Measures the console process's CPU (target < 50 %
 * of one core), that no line is lost (the screen's count is every line, each sampled screen
 * shows consecutive lines, the last line arrives), and how long lines take to show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createKnex } from '../../src/db/connection.js';
import { initDatabase } from '../../src/db/init.js';
import { JobLogWriter } from '../../src/db/job-log-writer.js';
import { spawnInPty, type PtyConsole } from '../support/pty-terminal.js';
import { machine, quantile, withBenchUrl } from './bench-database.js';
import { processCpuSeconds } from './proc-cpu.js';

const RATE = 1_000;
const SECONDS = 30;
const DEVICES = 20;
const EARLIER_LINES = 5_000;
const TICK_MS = 10;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** A running sweep with DEVICES running device jobs, as a daemon leaves it mid-way. */
async function seedSweep(knex: Knex): Promise<{ sweepId: string; children: Array<{ jobId: string; deviceId: string; hostname: string }> }> {
  const devices = (await knex('devices')
    .insert(Array.from({ length: DEVICES }, (_, i) => ({ hostname: `bench-sw${String(i + 1).padStart(2, '0')}`, ipAddress: `192.0.2.${i + 1}`, deviceType: 'cisco_ios' })))
    .returning(['id', 'hostname'])) as Array<{ id: string; hostname: string }>;
  const [sweep] = (await knex('jobs').insert({ kind: 'retrieval', status: 'running', target: { kind: 'all', description: 'all enabled devices' }, requestedBy: 'bench@ops', progressTotal: DEVICES, startedAt: knex.fn.now() }).returning('id')) as Array<{ id: string }>;
  const children = (await knex('jobs')
    .insert(devices.map((d) => ({ kind: 'retrieval', status: 'running', parentJobId: sweep!.id, deviceId: d.id, startedAt: knex.fn.now() })))
    .returning(['id', 'deviceId'])) as Array<{ id: string; deviceId: string }>;
  return { sweepId: sweep!.id, children: children.map((c) => ({ jobId: c.id, deviceId: c.deviceId, hostname: devices.find((d) => d.id === c.deviceId)!.hostname })) };
}

async function openLog(term: PtyConsole): Promise<void> {
  await term.waitFor('Recent failures', 120_000);
  term.send(':');
  await term.waitFor(/^:/m);
  term.send('jobs');
  await term.waitFor(/^:jobs/m);
  term.send('\r');
  await term.waitFor((s) => s.includes('│ jobs │') && s.includes('bench@ops'), 30_000);
  term.send('\r');
  await term.waitFor((s) => s.includes('following') && s.includes(`${EARLIER_LINES.toLocaleString('en-US')} lines`), 30_000);
}

const SEQ = /seq (\d{7})/;

export async function run(): Promise<void> {
  await withBenchUrl(async (url) => {
    const knex = createKnex(url, 4);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-console-'));
    try {
      await initDatabase(knex);
      const { children } = await seedSweep(knex);
      const writer = new JobLogWriter(knex, { flushRows: 500, flushMs: 200 });
      let seq = 0;
      const line = () => {
        const child = children[seq % children.length]!;
        seq += 1;
        writer.write({ jobId: child.jobId, deviceId: child.deviceId, level: 'info', message: `${child.hostname}: seq ${String(seq).padStart(7, '0')} ran "show running-config"` });
      };
      for (let i = 0; i < EARLIER_LINES; i++) line();
      await writer.flush();

      const term = spawnInPty(['console'], { DATABASE_URL: url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') });
      await openLog(term);
      const rssBefore = rssMiB(term.pid);
      const cpuBefore = processCpuSeconds(term.pid);
      const writtenAt: number[] = [];
      const firstSeen = new Map<number, number>();
      let gaps = 0;
      let samples = 0;
      const start = performance.now();
      const total = EARLIER_LINES + RATE * SECONDS;
      // Writing: RATE lines a second in small steps, stamped when handed to the writer.
      const writing = setInterval(() => {
        const due = Math.min(total, EARLIER_LINES + Math.floor(((performance.now() - start) / 1000) * RATE));
        while (seq < due) {
          writtenAt[seq + 1] = performance.now();
          line();
        }
      }, TICK_MS);
      // Reading the screen as a terminal shows it, every 50 ms.
      const sampling = setInterval(() => {
        const now = performance.now();
        const shown = term.screen().map((row) => SEQ.exec(row)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
        samples += 1;
        for (const [i, n] of shown.entries()) {
          if (!firstSeen.has(n)) firstSeen.set(n, now);
          if (i > 0 && n !== shown[i - 1]! + 1) gaps += 1;
        }
      }, 50);
      await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2));
      const rssMiddle = rssMiB(term.pid);
      await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2 + 100));
      clearInterval(writing);
      while (seq < total) line();
      await writer.flush();
      const cpuSeconds = processCpuSeconds(term.pid) - cpuBefore;
      const wallSeconds = (performance.now() - start) / 1000;
      const last = String(total).padStart(7, '0');
      const settled = await term.waitFor((s) => s.includes(`seq ${last}`) && s.includes(`${total.toLocaleString('en-US')} lines`), 30_000).then(() => true, () => false);
      clearInterval(sampling);
      const rssAfter = rssMiB(term.pid);
      const latencies = [...firstSeen].filter(([n]) => writtenAt[n] !== undefined).map(([n, at]) => at - writtenAt[n]!);
      const counted = /([\d,]+) lines/.exec(term.screen().join('\n'))?.[1] ?? '?';
      term.send('\x03');
      await term.exit;
      const { n: stored } = (await knex('job_logs').count('* as n').first()) as { n: string };
      process.stdout.write(
        [
          `console-log: ${machine()}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
          `  ${RATE} lines/s for ${SECONDS} s into a sweep of ${DEVICES} devices (${EARLIER_LINES} lines before), writer 500 rows / 200 ms`,
          `  console CPU ${((cpuSeconds / wallSeconds) * 100).toFixed(1)} % of one core (${cpuSeconds.toFixed(2)} s in ${wallSeconds.toFixed(1)} s; target < 50 %)`,
          `  lines: ${stored} stored, the console counts ${counted}, last line shown: ${settled ? 'yes' : 'NO'}, gaps in ${samples} screens sampled: ${gaps}`,
          `  write → on screen (${latencies.length} lines seen): p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
          `  console RSS ${rssBefore.toFixed(0)} MiB before, ${rssMiddle.toFixed(0)} MiB after ${SECONDS / 2} s, ${rssAfter.toFixed(0)} MiB after`,
          '',
        ].join('\n'),
      );
      if (!settled || gaps > 0 || counted.replace(/,/g, '') !== stored) process.exitCode = 1;
    } finally {
      await knex.destroy();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
}
