/**
 * `npm run bench -- ssh-console [sessions]`: the real `netraven serve-ssh` in its own process,
 * N concurrent SSH sessions (default 50, ten operators) from ssh2 clients in this process.
 * Measures time to first frame (connect → the overview drawn) p50/p95, the server's RSS, the
 * server's CPU while nothing changes, and while a job writes log lines at 200 a second and
 * every session's overview follows it live. Results for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { addOperator } from '../../src/config/operator-store.js';
import { setSetting } from '../../src/config/settings-store.js';
import { checkOperatorKey } from '../../src/console/operator-keys.js';
import { appendJobLogs } from '../../src/db/queries/append-job-logs.js';
import { enqueueJob } from '../../src/jobs/job-queue.js';
import { closedPort } from '../support/ports.js';
import { ed25519Key } from '../support/private-keys.js';
import { machine, quantile, withBenchDatabase } from './bench-database.js';
import { processCpuSeconds } from './proc-cpu.js';

const { Client } = ssh2;
const CLI = path.resolve(import.meta.dirname, '../../src/cli/netraven.mjs');

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Opens a session and resolves with ms from connect to the overview's first full frame. */
function openSession(port: number, privateKey: string, clients: ssh2.Client[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const client = new Client();
    clients.push(client);
    client.on('error', reject);
    client.on('ready', () => {
      client.shell({ cols: 100, rows: 30, term: 'xterm-256color' }, (err, channel) => {
        if (err) return reject(err);
        let seen = '';
        channel.on('data', (data: Buffer) => {
          if (seen === 'done') return;
          seen += data.toString();
          if (seen.includes('Recent failures') && seen.includes('refresh')) {
            seen = 'done';
            resolve(performance.now() - started);
          }
        });
      });
    });
    client.connect({ host: '127.0.0.1', port, username: 'bench', privateKey, readyTimeout: 120_000 });
  });
}

/** % of one core the process used over `seconds`, and per 5-s slice (a steady cost and a burst look different). */
async function cpuOver(pid: number, seconds: number): Promise<{ total: number; slices: number[] }> {
  const start = processCpuSeconds(pid);
  const slices: number[] = [];
  let last = start;
  for (let s = 0; s < seconds; s += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const now = processCpuSeconds(pid);
    slices.push(((now - last) / 5) * 100);
    last = now;
  }
  return { total: ((last - start) / seconds) * 100, slices };
}

const pct = (c: { total: number; slices: number[] }) => `${c.total.toFixed(2)} % of one core (5-s slices: ${c.slices.map((v) => v.toFixed(1)).join(' ')})`;

export async function run(args: string[]): Promise<void> {
  const sessions = Number(args[0] ?? 50);
  await withBenchDatabase(async (knex) => {
    const url = (knex.client as { config: { connection: { connectionString: string } } }).config.connection.connectionString;
    const operators = Array.from({ length: Math.ceil(sessions / 5) }, (_, i) => ({ name: `op${i}`, pair: ed25519Key() }));
    for (const o of operators) await addOperator(knex, { name: o.name, role: 'viewer', keys: [checkOperatorKey(o.pair.publicKey).line] });
    await setSetting(knex, 'console.max_sessions', Math.max(20, sessions));
    const port = await closedPort();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-ssh-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NETRAVEN_HOME: home, NETRAVEN_KEY_FILE: path.join(home, 'keyring.json') };
    delete env.CI;
    // As the image runs it (scripts/Dockerfile): React's development build is several times slower.
    env.NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production';
    // BENCH_SERVER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the server's time goes.
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const server = spawn(process.execPath, [...nodeArgs, CLI, 'serve-ssh', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (d: Buffer) => (log += d.toString()));
    const clients: ssh2.Client[] = [];
    try {
      for (let i = 0; !log.includes('ssh: listening'); i++) {
        if (i > 600) throw new Error(`serve-ssh did not start:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const idleRss = rssMiB(server.pid!);
      // The server lets 20 connections per address wait to log in: open in waves of 20 (all from 127.0.0.1).
      const firstFrames: number[] = [];
      for (let i = 0; i < sessions; i += 20) {
        const wave = Array.from({ length: Math.min(20, sessions - i) }, (_, j) => openSession(port, operators[Math.floor((i + j) / 5)]!.pair.privateKey, clients));
        firstFrames.push(...(await Promise.all(wave)));
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const rss = rssMiB(server.pid!);
      // 60 s: one minute includes the header clock's tick in every session.
      const quiet = await cpuOver(server.pid!, 60);
      const job = await enqueueJob(knex, { kind: 'retrieval', target: { kind: 'all' }, requestedBy: 'bench' });
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await appendJobLogs(knex, Array.from({ length: 20 }, (_, k) => ({ jobId: job.id, level: 'info' as const, message: `core-${k}: retrieved running configuration (${written + k})` })));
          written += 20;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const busy = await cpuOver(server.pid!, 20);
      writing = false;
      await writer;
      const busyRss = rssMiB(server.pid!);
      process.stdout.write(
        [
          `ssh-console: ${sessions} concurrent sessions of the real serve-ssh (${machine()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`,
          `  time to first frame: p50 ${quantile(firstFrames, 0.5).toFixed(0)} ms, p95 ${quantile(firstFrames, 0.95).toFixed(0)} ms, max ${Math.max(...firstFrames).toFixed(0)} ms (waves of 20 connections)`,
          `  server RSS: ${idleRss.toFixed(0)} MiB listening, ${rss.toFixed(0)} MiB with ${sessions} sessions, ${busyRss.toFixed(0)} MiB after the log burst`,
          `  server CPU, nothing changing (60 s): ${pct(quiet)}`,
          `  server CPU, a job writing ${written} log lines in 20 s, every overview live (20 s): ${pct(busy)}`,
          '',
        ].join('\n'),
      );
    } finally {
      for (const c of clients) c.end();
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
}
