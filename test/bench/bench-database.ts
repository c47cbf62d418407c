import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex } from '../../src/db/connection.js';
import { openEmbeddedServer } from '../../src/db/embedded/embedded-server.js';
import { initDatabase } from '../../src/db/init.js';

/** An initialised database of its own for one benchmark, and how to throw it away. */
export interface BenchDatabase {
  knex: Knex;
  home: string;
  source: string;
  close(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on TEST_DATABASE_URL's server, else an embedded PostgreSQL in a temp NETRAVEN_HOME. */
export async function openBenchDatabase(poolSize = 4): Promise<BenchDatabase> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-bench-'));
  fs.chmodSync(home, 0o711);
  const serverUrl = process.env.TEST_DATABASE_URL;
  const embedded = serverUrl ? undefined : await openEmbeddedServer(home);
  const baseUrl = serverUrl ?? embedded!.url;
  const name = `netraven_bench_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const knex = createKnex(url.toString(), poolSize);
  await initDatabase(knex);
  return {
    knex,
    home,
    source: serverUrl ? 'TEST_DATABASE_URL' : 'embedded PostgreSQL',
    async close() {
      await knex.destroy();
      await admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await embedded?.release();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
