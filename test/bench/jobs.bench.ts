import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { createKnex } from '../../src/db/connection.js';
import { ControlConnection } from '../../src/db/control-connection.js';
import { appendJobLogs } from '../../src/db/queries/append-job-logs.js';
import { JobLogWriter } from '../../src/db/job-log-writer.js';
import { followJobLogs } from '../../src/jobs/live-tail.js';
import { notifyJobsQueued } from '../../src/jobs/job-channels.js';
import { machine, quantile, withBenchDatabase } from './bench-database.js';

const INGEST_ROWS = 200_000;
const LATENCY_SAMPLES = 200;
const CLAIM_JOBS = 5_000;
const here = path.dirname(fileURLToPath(import.meta.url));

function urlOf(knex: Knex): string {
  return (knex.client.config.connection as { connectionString: string }).connectionString;
}

async function newJob(knex: Knex, status = 'running'): Promise<string> {
  const [{ id }] = await knex('jobs').insert({ kind: 'purge', status }).returning('id');
  return id as string;
}

/** Rows/s through the batched writer at the default flush settings (500 rows / 200 ms). */
async function ingest(knex: Knex): Promise<number> {
  const jobId = await newJob(knex);
  const writer = new JobLogWriter(knex, { flushRows: 500, flushMs: 200 });
  const started = performance.now();
  for (let i = 0; i < INGEST_ROWS; i++) {
    writer.write({ jobId, level: 'info', message: `device ${i % 997}: retrieved running-config (${30_000 + i} bytes)`, data: { step: 'stored' } });
    // Yield now and then, as real jobs do, so flushes overlap with writing.
    if (i % 5_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.close();
  const seconds = (performance.now() - started) / 1000;
  const { n } = (await knex('job_logs').where({ jobId }).count('* as n').first()) as { n: string };
  if (Number(n) !== INGEST_ROWS) throw new Error(`expected ${INGEST_ROWS} rows, found ${n}`);
  return INGEST_ROWS / seconds;
}

/** Milliseconds from a write on one connection to the follower (another connection, LISTEN) having the row. */
async function latency(knex: Knex, mode: 'statement' | 'writer-10ms' | 'writer-default'): Promise<{ p50: number; p95: number }> {
  const url = urlOf(knex);
  const writerKnex = createKnex(url, 2);
  const control = new ControlConnection({ url, applicationName: 'netraven-bench-follow' });
  await control.start();
  const jobId = await newJob(knex);
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const following = followJobLogs({
    db: knex, control, jobId, pollMs: 60_000, settleMs: 0,
    onLines: (lines) => { for (const l of lines) samples.push(performance.now() - sentAt.get(l.message)!); },
  });
  const writer = new JobLogWriter(writerKnex, { flushRows: 500, flushMs: mode === 'writer-10ms' ? 10 : 200 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const message = `line ${i}`;
    sentAt.set(message, performance.now());
    if (mode === 'statement') await appendJobLogs(writerKnex, [{ jobId, level: 'info', message }]);
    else writer.write({ jobId, level: 'info', message });
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  await writer.close();
  while (samples.length < LATENCY_SAMPLES) await new Promise((resolve) => setTimeout(resolve, 20));
  await knex('jobs').where({ id: jobId }).update({ status: 'succeeded' });
  await knex.raw("SELECT pg_notify('netraven_job_status', ?)", [JSON.stringify({ jobId, parentJobId: null, status: 'succeeded' })]);
  await following;
  await control.stop();
  await writerKnex.destroy();
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/** Jobs/s that two worker processes claim, run (a handler that does nothing) and finish. */
async function claimThroughput(knex: Knex): Promise<{ jobsPerSecond: number; split: number[] }> {
  const env = { ...process.env, DATABASE_URL: urlOf(knex) };
  const workers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', path.join(here, 'claim-worker.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] }));
  const outputs = workers.map((w) => {
    let text = '';
    w.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return () => text;
  });
  while (!outputs.every((o) => o().includes('ready'))) await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  await knex.transaction(async (trx) => {
    await trx.raw("INSERT INTO jobs (kind) SELECT 'key_rotation' FROM generate_series(1, ?)", [CLAIM_JOBS]);
    await notifyJobsQueued(trx, 'key_rotation');
  });
  for (;;) {
    const { n } = (await knex('jobs').where({ kind: 'key_rotation', status: 'succeeded' }).count('* as n').first()) as { n: string };
    if (Number(n) === CLAIM_JOBS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((resolve) => w.on('close', resolve))));
  const split = outputs.map((o) => (JSON.parse(o().trim().split('\n').at(-1)!) as { handled: number }).handled);
  if (split[0]! + split[1]! !== CLAIM_JOBS) throw new Error(`jobs run ${split.join('+')}, expected ${CLAIM_JOBS} exactly once`);
  return { jobsPerSecond: CLAIM_JOBS / seconds, split };
}

/** `npm run bench -- jobs`: job-log ingest, NOTIFY-to-follower latency, claim throughput with two processes. */
export async function run(): Promise<void> {
  await withBenchDatabase(async (knex, serverVersion) => {
    const rows = await ingest(knex);
    const statement = await latency(knex, 'statement');
    const fast = await latency(knex, 'writer-10ms');
    const standard = await latency(knex, 'writer-default');
    const claims = await claimThroughput(knex);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    process.stdout.write([
      '== bench: jobs ==',
      `machine                 ${machine()}; PostgreSQL ${serverVersion}`,
      `log ingest              ${INGEST_ROWS.toLocaleString('en')} rows through the batched writer (500 rows / 200 ms): ${Math.round(rows).toLocaleString('en')} rows/s`,
      `follower latency        one row per statement (insert+commit+NOTIFY+read): p50 ${ms(statement.p50)}, p95 ${ms(statement.p95)}`,
      `                        through the writer, logs.flush_ms = 10: p50 ${ms(fast.p50)}, p95 ${ms(fast.p95)}`,
      `                        through the writer, logs.flush_ms = 200 (default): p50 ${ms(standard.p50)}, p95 ${ms(standard.p95)}`,
      `claim throughput        ${CLAIM_JOBS.toLocaleString('en')} jobs, 2 worker processes × 50 slots: ${Math.round(claims.jobsPerSecond).toLocaleString('en')} jobs/s (split ${claims.split.join(' / ')})`,
      '',
    ].join('\n'));
  });
}
