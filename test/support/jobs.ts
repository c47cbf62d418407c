import type { Knex } from 'knex';
import { afterEach } from 'vitest';
import { ControlConnection } from '../../src/db/control-connection.js';
import { JobHandlerRegistry, type JobHandler } from '../../src/jobs/job-handler.js';
import { JobLogWriter } from '../../src/db/job-log-writer.js';
import { silentLogger } from '../../src/jobs/logger.js';
import { Worker, type WorkerOptions } from '../../src/jobs/worker.js';

/** Inserts n enabled devices named prefix-0..n-1 (optionally tagged); returns their ids in name order. */
export async function insertDevices(knex: Knex, n: number, prefix: string, tag?: string): Promise<string[]> {
  const rows = await knex('devices')
    .insert(Array.from({ length: n }, (_, i) => ({ hostname: `${prefix}-${String(i).padStart(3, '0')}`, ipAddress: `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`, deviceType: 'cisco_ios' })))
    .returning('id');
  const ids = rows.map((r: { id: string }) => r.id);
  if (tag) {
    const [t] = await knex('tags').insert({ name: tag }).onConflict(knex.raw('(lower(name))')).merge(['name']).returning('id');
    await knex('device_tags').insert(ids.map((deviceId) => ({ deviceId, tagId: t.id })));
  }
  return ids;
}

export interface TestWorker {
  worker: Worker;
  writer: JobLogWriter;
  control: ControlConnection;
  stop(deadlineMs?: number): Promise<void>;
}

const running: TestWorker[] = [];

// Every worker a test starts is stopped after it, even when the test failed half-way.
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop(0)));
});

/** Starts an in-process worker (its own control connection and log writer) running the given handlers. */
export async function startTestWorker(
  knex: Knex,
  url: string,
  handlers: Partial<Record<'retrieval' | 'purge' | 'key_rotation', JobHandler>>,
  options: Partial<Omit<WorkerOptions, 'db' | 'registry' | 'writer' | 'control' | 'logger'>> & { flushMs?: number; flushRows?: number } = {},
): Promise<TestWorker> {
  const registry = new JobHandlerRegistry();
  for (const [kind, handler] of Object.entries(handlers)) registry.register(kind as 'retrieval', handler);
  const control = new ControlConnection({ url, applicationName: `netraven-test:${process.pid}` });
  await control.start();
  const writer = new JobLogWriter(knex, { flushRows: options.flushRows ?? 100, flushMs: options.flushMs ?? 20 });
  const worker = new Worker({
    db: knex, registry, writer, control, logger: silentLogger,
    workerId: options.workerId ?? `test-${Math.random().toString(16).slice(2, 8)}`,
    concurrency: options.concurrency ?? 4, leaseSeconds: options.leaseSeconds ?? 30, maxAttempts: options.maxAttempts ?? 3,
    pollMs: options.pollMs ?? 200, claimBatch: options.claimBatch,
  });
  await worker.start();
  let stopped: Promise<void> | undefined;
  const handle: TestWorker = {
    worker, writer, control,
    stop(deadlineMs = 5_000) {
      stopped ??= (async () => {
        await worker.stop(deadlineMs);
        await writer.close(2_000);
        await control.stop();
      })();
      return stopped;
    },
  };
  running.push(handle);
  return handle;
}
