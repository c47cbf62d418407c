/**
 * The search indexer: fills search_words and search_indexed_at of stored versions in batches, outside the
 * sweep's per-device insert (storing a version then costs no word extraction and no trigram index entry).
 * Search reads versions not yet indexed by their content, so results never depend on the indexer's progress.
 */
import type { Knex } from 'knex';

/** What one run of the indexer did. */
export interface IndexRun {
  /** Versions indexed. */
  indexed: number;
  /** Versions still waiting (0 unless the run stopped early). */
  pending: number;
  durationMs: number;
}

/** Default versions per statement: ~5 MB of 50 KB configurations, about half a second of PostgreSQL CPU. */
export const INDEX_BATCH_ROWS = 100;

/** Versions waiting for the search index. */
export async function countUnindexed(db: Knex): Promise<number> {
  const { rows } = await db.raw<{ rows: Array<{ count: string }> }>('SELECT count(*) AS count FROM device_configurations WHERE search_indexed_at IS NULL');
  return Number(rows[0]?.count ?? 0);
}

/**
 * Indexes one batch (oldest first; SKIP LOCKED so two indexers never wait on each other) and returns how many
 * versions it indexed. Needs UPDATE (search_words, search_indexed_at) on device_configurations (netraven_app).
 */
export async function indexBatch(db: Knex, batchRows = INDEX_BATCH_ROWS): Promise<number> {
  const { rowCount } = await db.raw<{ rowCount: number }>(
    `UPDATE device_configurations c
        SET search_words = netraven_config_words(c.content), search_indexed_at = now()
       FROM (SELECT id FROM device_configurations WHERE search_indexed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) pending
      WHERE c.id = pending.id`,
    [batchRows],
  );
  return rowCount ?? 0;
}

/**
 * Indexes every waiting version, one batch per statement (each its own transaction), until none is left or
 * `shouldStop` returns true between batches (a daemon stops when a job arrives).
 */
export async function indexConfigurations(db: Knex, options: { batchRows?: number; shouldStop?: () => boolean } = {}): Promise<IndexRun> {
  const started = Date.now();
  let indexed = 0;
  for (;;) {
    if (options.shouldStop?.() === true) break;
    const done = await indexBatch(db, options.batchRows);
    indexed += done;
    if (done === 0) break;
  }
  const stopped = options.shouldStop?.() === true;
  return { indexed, pending: stopped ? await countUnindexed(db) : 0, durationMs: Date.now() - started };
}
