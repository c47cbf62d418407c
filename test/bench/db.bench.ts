import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { appendJobLogs, type NewJobLog } from '../../src/db/queries/append-job-logs.js';
import { searchConfigurations } from '../../src/db/queries/search-configurations.js';
import { machine, quantile, withBenchDatabase } from './bench-database.js';
import { accessSwitchConfiguration } from './config-generator.js';

const LOG_ROWS = 100_000;
const BATCH = 1000;
const CONFIGURATIONS = 10_000;

function logRows(jobId: string, n: number): NewJobLog[] {
  return Array.from({ length: n }, (_, i) => ({ jobId, level: 'info' as const, message: `device ${i % 997}: retrieved running-config`, data: { step: 'stored', bytes: 30_000 + i } }));
}

async function benchLogs(knex: Knex): Promise<{ batched: number; single: number }> {
  const [{ id: jobId }] = await knex('jobs').insert({ kind: 'retrieval' }).returning('id');
  const rows = logRows(jobId, LOG_ROWS);
  let start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) await appendJobLogs(knex, rows.slice(i, i + BATCH));
  const batched = LOG_ROWS / ((performance.now() - start) / 1000);
  start = performance.now();
  for (const row of rows) await appendJobLogs(knex, [row]);
  const single = LOG_ROWS / ((performance.now() - start) / 1000);
  const { rows: count } = await knex.raw('SELECT count(*)::int AS n FROM job_logs');
  if (count[0].n !== 2 * LOG_ROWS) throw new Error(`expected ${2 * LOG_ROWS} rows, found ${count[0].n}`);
  return { batched, single };
}

async function loadConfigurations(knex: Knex): Promise<number> {
  const start = performance.now();
  for (let first = 0; first < CONFIGURATIONS; first += 500) {
    const devices = await knex('devices')
      .insert(Array.from({ length: 500 }, (_, k) => ({ hostname: `sw-${first + k}`, ipAddress: `10.200.${Math.floor((first + k) / 250)}.${(first + k) % 250}`, deviceType: 'cisco_ios' })))
      .returning(['id', 'hostname']);
    await knex('device_configurations').insert(
      devices.map((d: { id: string; hostname: string }) => {
        const content = accessSwitchConfiguration(Number(d.hostname.slice(3)));
        return { deviceId: d.id, content, contentHash: createHash('sha256').update(content).digest('hex'), sizeBytes: Buffer.byteLength(content) };
      }),
    );
  }
  await knex.raw('VACUUM ANALYZE device_configurations');
  return (performance.now() - start) / 1000;
}

const WORD_QUERIES = ['hostname sw-4242', '10.17.99.44', 'shared-ro-1pct', 'description CAM-17-123', 'site7.example.net', 'permit tcp 10.42.17.0', 'ntp server 10.0.0.123', 'no-such-line-anywhere'];
const SUBSTRING_QUERIES = ['CAM-17-123', 'ro-1pct', 'no-such-line-anywhere', '17.99.44'];

async function benchSearch(knex: Knex, queries: string[], substring: boolean): Promise<Array<{ query: string; matches: number; p50: number; p95: number }>> {
  const results = [];
  for (const query of queries) {
    const samples: number[] = [];
    let matches = 0;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      matches = (await searchConfigurations(knex, query, { substring })).length;
      samples.push(performance.now() - start);
    }
    results.push({ query, matches, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) });
  }
  return results;
}

/** `npm run bench -- db`: job_logs ingest batched vs one by one, and search over 10,000 configurations. */
export async function run(): Promise<void> {
  await withBenchDatabase(async (knex, serverVersion) => {
    console.log(`machine: ${machine()}; PostgreSQL ${serverVersion}`);
    const logs = await benchLogs(knex);
    console.log(`job_logs ${LOG_ROWS} rows: batched (${BATCH}/statement) ${Math.round(logs.batched)} rows/s; one by one ${Math.round(logs.single)} rows/s`);
    const loadSeconds = await loadConfigurations(knex);
    const { rows } = await knex.raw("SELECT pg_size_pretty(sum(size_bytes)) AS content, pg_size_pretty(pg_relation_size('device_configurations_content_trgm_idx')) AS index FROM device_configurations");
    console.log(`loaded ${CONFIGURATIONS} configurations (${rows[0].content} content, trigram index ${rows[0].index}) in ${loadSeconds.toFixed(1)} s`);
    for (const [mode, queries] of [['words', WORD_QUERIES], ['substring', SUBSTRING_QUERIES]] as const) {
      for (const r of await benchSearch(knex, [...queries], mode === 'substring')) {
        console.log(`search (${mode}) ${JSON.stringify(r.query).padEnd(26)} matches ${String(r.matches).padStart(3)}  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`);
      }
    }
  });
}
