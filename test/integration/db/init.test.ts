import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createKnex } from '../../../src/db/connection.js';
import { initDatabase } from '../../../src/db/init.js';
import { readSchemaState } from '../../../src/db/migrations.js';
import { readDatabaseStatus, TABLES } from '../../../src/db/status.js';
import { createEmptyDatabase } from '../../support/database.js';

describe('netraven db init', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let knex: Knex;
  beforeAll(async () => {
    db = await createEmptyDatabase();
    knex = createKnex(db.url, 4);
  });
  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  it('creates the schema on the first run and changes nothing on the second', async () => {
    const first = await initDatabase(knex);
    expect(first.changes).toContain('applied migration 20261128000000_baseline');
    expect(first.changes.some((c) => c.startsWith('added') && c.endsWith('default settings'))).toBe(true);
    expect(first.changes).toContain('added the tag default');

    const second = await initDatabase(knex);
    expect(second.changes).toEqual([]);

    const status = await readDatabaseStatus(knex);
    expect(status.initialised).toBe(true);
    expect(status.schemaVersion).toBe('20261128000000_baseline');
    expect(Object.keys(status.rowCounts ?? {})).toEqual([...TABLES]);
    // The user fixed the schema at nine tables; knex's own two are its bookkeeping.
    const { rows } = await knex.raw<{ rows: Array<{ table_name: string }> }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'knex\\_%' ORDER BY table_name",
    );
    expect(rows.map((row) => row.table_name)).toEqual([...TABLES].sort());
    expect(TABLES).toHaveLength(9);
    expect(status.rowCounts?.system_settings).toBeGreaterThan(10);
    expect((await readSchemaState(knex)).pending).toEqual([]);
  });
});
