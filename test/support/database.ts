import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { Model } from 'objection';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createKnex } from '../../src/db/connection.js';
import { withDatabase } from './postgres-server.js';

/** A database of its own for one test file, cloned from the run's initialised template. */
export interface TestDatabase {
  knex: Knex;
  url: string;
  name: string;
  adminUrl: string;
}

/** Runs an admin statement (CREATE/DROP DATABASE, roles) on the server's default database. */
export async function adminQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: inject('testDatabase').adminUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (not cloned) for tests of init itself. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const { adminUrl, runId } = inject('testDatabase');
  const name = `netraven_test_${runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return { name, url: withDatabase(adminUrl, name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
}

/** Registers beforeAll/afterAll hooks that give the file a fresh cloned database bound to the models. */
export function useTestDatabase(): TestDatabase {
  const { adminUrl, template, runId } = inject('testDatabase');
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    const name = `netraven_test_${runId}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    handle.name = name;
    handle.url = withDatabase(adminUrl, name);
    handle.adminUrl = adminUrl;
    handle.knex = createKnex(handle.url, 5);
    Model.knex(handle.knex);
  });
  afterAll(async () => {
    await handle.knex?.destroy();
    if (handle.name) await adminQuery(`DROP DATABASE IF EXISTS ${handle.name} WITH (FORCE)`);
  });
  return handle;
}
