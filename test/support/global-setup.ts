import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createKnex } from '../../src/db/connection.js';
import { initDatabase } from '../../src/db/init.js';
import { ensureBuilt } from './build-dist.js';
import { startTestServer, withDatabase } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string; source: string; runId: string };
  }
}

/** One PostgreSQL per test run and one initialised template database every test file clones. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The real-binary tests run dist/ (bin/netraven.mjs), as operators do: it must be as new as the sources.
  ensureBuilt(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));
  const server = await startTestServer();
  const runId = `${process.pid}${Date.now().toString(36)}`;
  const template = `netraven_template_${runId}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const knex = createKnex(withDatabase(server.adminUrl, template), 4);
  try {
    await initDatabase(knex);
  } finally {
    await knex.destroy();
  }
  project.provide('testDatabase', { adminUrl: server.adminUrl, template, source: server.source, runId });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'netraven_t%'");
    for (const { datname } of rows) {
      if (datname === template || datname.startsWith(`netraven_test_${runId}_`)) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
      }
    }
    await admin.end();
    await server.stop();
  };
}
