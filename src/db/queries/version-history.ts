/**
 * A device's stored configuration versions, newest first, a slice at a time (keyset on the
 * device_configurations_device_retrieved_idx order), and single versions by id. Never `*`:
 * the table has a large generated tsvector column.
 */
import type { Knex } from 'knex';
import { readSlice, type Slice, type SliceRequest, type SortKey } from './keyset-window.js';

/** A row of the history. */
export interface VersionRow {
  id: string;
  retrievedAt: Date;
  sizeBytes: number;
  /** The retrieval job that stored it (null once that job was purged). */
  jobId: string | null;
  /** Lines added and removed against the version before it (metadata.lineChanges); null for a first version or when not recorded. */
  lineChanges: { added: number; removed: number; approximate: boolean } | null;
  /** True for the device's first stored version (nothing before it to compare with). */
  first: boolean;
}

const NEWEST_FIRST: SortKey[] = [
  { sql: 'v.retrieved_at', cast: 'timestamptz' },
  { sql: 'v.id', cast: 'uuid' },
];

/** A slice of the device's versions, newest first. */
export function versionHistorySlice(trx: Knex.Transaction, deviceId: string, request: SliceRequest): Promise<Slice<VersionRow>> {
  const query = trx('device_configurations as v')
    .where('v.device_id', deviceId)
    .select(
      'v.id',
      'v.retrieved_at',
      'v.size_bytes',
      'v.job_id',
      trx.raw("v.metadata -> 'lineChanges' AS line_changes"),
      trx.raw('NOT EXISTS (SELECT 1 FROM device_configurations o WHERE o.device_id = v.device_id AND (o.retrieved_at, o.id) < (v.retrieved_at, v.id)) AS first'),
    );
  return readSlice<VersionRow>(query, NEWEST_FIRST, 'desc', request);
}

/** One stored version with its content and device, or null. */
export interface StoredVersion {
  id: string;
  deviceId: string;
  hostname: string;
  retrievedAt: Date;
  sizeBytes: number;
  contentHash: string;
  jobId: string | null;
  content: string;
}

/** The version with this id (content included), or null. */
export async function storedVersion(db: Knex | Knex.Transaction, configurationId: string): Promise<StoredVersion | null> {
  const row = (await db('device_configurations as v')
    .join('devices as d', 'd.id', 'v.device_id')
    .where('v.id', configurationId)
    .first('v.id', 'v.device_id', 'd.hostname', 'v.retrieved_at', 'v.size_bytes', 'v.content_hash', 'v.job_id', 'v.content')) as StoredVersion | undefined;
  return row ?? null;
}

/** The id of the version stored just before this one of the same device, or null for a first version. */
export async function previousVersionId(db: Knex | Knex.Transaction, configurationId: string): Promise<string | null> {
  const row = (await db('device_configurations as v')
    .join('device_configurations as o', 'o.device_id', 'v.device_id')
    .where('v.id', configurationId)
    .whereRaw('(o.retrieved_at, o.id) < (v.retrieved_at, v.id)')
    .orderBy([{ column: 'o.retrieved_at', order: 'desc' }, { column: 'o.id', order: 'desc' }])
    .first('o.id')) as { id: string } | undefined;
  return row?.id ?? null;
}
