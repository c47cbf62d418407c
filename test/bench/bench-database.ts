import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { Model } from 'objection';
import { createKnex } from '../../src/db/connection.js';
import { openEmbeddedServer } from '../../src/db/embedded/embedded-server.js';
import { initDatabase } from '../../src/db/init.js';

/** A line describing the machine, for docs/benchmarks.md. */
export function machine(): string {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Runs fn with the URL of an initialised database: BENCH_DATABASE_URL if set, else a throwaway embedded PostgreSQL. */
export async function withBenchUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let url = process.env.BENCH_DATABASE_URL;
  let release = async () => undefined as void;
  if (!url) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-'));
    fs.chmodSync(home, 0o711);
    const server = await openEmbeddedServer(home);
    url = server.url;
    release = async () => {
      await server.release();
      fs.rmSync(home, { recursive: true, force: true });
    };
  }
  try {
    return await fn(url);
  } finally {
    await release();
  }
}

/** Runs fn on a fresh, initialised database (see withBenchUrl). */
export async function withBenchDatabase<T>(fn: (knex: Knex, serverVersion: string) => Promise<T>, poolSize = 10): Promise<T> {
  return withBenchUrl(async (url) => {
    const knex = createKnex(url, poolSize);
    Model.knex(knex);
    try {
      await initDatabase(knex);
      const { rows } = await knex.raw('SHOW server_version');
      return await fn(knex, rows[0].server_version as string);
    } finally {
      await knex.destroy();
    }
  });
}

/** The value at quantile q (0..1) of the samples. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
