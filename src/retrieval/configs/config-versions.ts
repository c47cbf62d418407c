/** Stored configuration versions of a device: history (newest first, keyset paged), one version, a pair to compare. */
import { StringDecoder } from 'node:string_decoder';
import type { Knex } from 'knex';
import type { Page } from '../../db/queries/keyset-page.js';
import { inReadOnlyTransaction } from '../../db/transactions.js';
import { NetRavenError } from '../../errors.js';
import { findDevice } from '../inventory/device-inventory.js';

export interface VersionSummary {
  id: string;
  retrievedAt: Date;
  sizeBytes: number;
  contentHash: string;
  jobId: string | null;
}

export interface Version extends VersionSummary {
  content: string;
}

// Never `*`: device_configurations has a large generated tsvector column.
const SUMMARY = ['id', 'retrievedAt', 'sizeBytes', 'contentHash', 'jobId'];
const WITH_CONTENT = [...SUMMARY, 'content'];
const VERSION_REF = /^[0-9a-f][0-9a-f-]{7,35}$/i;

/** A device's versions, newest first; `after` is the id of the last version of the previous page. */
export async function configurationHistory(knex: Knex, hostname: string, options: { limit: number; after?: string }): Promise<{ hostname: string; page: Page<VersionSummary> }> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const query = trx('device_configurations').where({ deviceId: device.id }).select(SUMMARY);
    if (options.after !== undefined) {
      const cursor = await resolveVersion(trx, device, options.after);
      // Row comparison on the index order: stable while new versions arrive.
      query.whereRaw('(retrieved_at, id) < (SELECT retrieved_at, id FROM device_configurations WHERE id = ?)', [cursor.id]);
    }
    const rows = (await query.orderBy([{ column: 'retrievedAt', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(options.limit + 1)) as VersionSummary[];
    const items = rows.slice(0, options.limit);
    return { hostname: device.hostname, page: { items, next: rows.length > options.limit ? items.at(-1)!.id : null } };
  });
}

/** Resolves a version id or a unique prefix of at least 8 characters, within one device. */
async function resolveVersion(trx: Knex.Transaction, device: { id: string; hostname: string }, ref: string, columns = SUMMARY): Promise<Version> {
  if (!VERSION_REF.test(ref)) {
    throw new NetRavenError('INPUT_INVALID', `${JSON.stringify(ref.slice(0, 60))} is not a version id: use an id (or its first 8+ characters) from \`netraven configs history ${device.hostname}\``);
  }
  const rows = (await trx('device_configurations')
    .where({ deviceId: device.id })
    .whereRaw('CAST(id AS text) LIKE ?', [`${ref.toLowerCase()}%`])
    .select(columns)
    .limit(2)) as Version[];
  if (rows.length === 0) throw new NetRavenError('NOT_FOUND', `${device.hostname} has no version ${ref}: see \`netraven configs history ${device.hostname}\``, { details: { ref } });
  if (rows.length > 1) throw new NetRavenError('INPUT_INVALID', `version ${ref} of ${device.hostname} is ambiguous: give more characters of the id`, { details: { ref } });
  return rows[0]!;
}

async function newest(trx: Knex.Transaction, deviceId: string, count: number, columns = WITH_CONTENT): Promise<Version[]> {
  return (await trx('device_configurations')
    .where({ deviceId })
    .select(columns)
    .orderBy([{ column: 'retrievedAt', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(count)) as Version[];
}

/** One version with its content: the given one, or the latest. */
export async function getVersion(knex: Knex, hostname: string, ref?: string): Promise<{ hostname: string; version: Version }> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const version = ref === undefined ? (await newest(trx, device.id, 1))[0] : await resolveVersion(trx, device, ref, WITH_CONTENT);
    if (version === undefined) throw new NetRavenError('NOT_FOUND', `${device.hostname} has no stored configuration yet: run \`netraven retrieve --device ${device.hostname}\``);
    return { hostname: device.hostname, version };
  });
}

/** Bytes per piece when a configuration is streamed: a few MB of memory per piece, whatever the configuration's size. */
const PIECE_BYTES = 4_000_000;

/**
 * Streams one version's content (the given one, or the latest) in pieces that end at line ends, so a
 * 100 MB configuration never sits whole in this process: a cursor over 4 MB byte ranges cut by PostgreSQL
 * from one detoasted UTF-8 copy of the content. `write` may wait (backpressure); returning false stops the stream
 * (the reader went away). Resolves with the version, without its content. NOT_FOUND as getVersion.
 */
export async function streamVersion(knex: Knex, hostname: string, ref: string | undefined, write: (piece: string) => Promise<boolean>): Promise<{ hostname: string; version: VersionSummary }> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const version = ref === undefined ? (await newest(trx, device.id, 1, SUMMARY))[0] : await resolveVersion(trx, device, ref);
    if (version === undefined) throw new NetRavenError('NOT_FOUND', `${device.hostname} has no stored configuration yet: run \`netraven retrieve --device ${device.hostname}\``);
    // Cut as bytes (substring of bytea is O(1) per piece; substr of UTF-8 text walks from the start). OFFSET 0
    // keeps the subquery whole: the content is detoasted and converted once, not once per piece.
    await trx.raw(
      `DECLARE netraven_config_pieces NO SCROLL CURSOR FOR
         SELECT s.i AS piece_number, substring(v.bytes FROM s.i * ? + 1 FOR ?) AS piece
           FROM (SELECT convert_to(content, 'UTF8') AS bytes FROM device_configurations WHERE id = ? OFFSET 0) v
           CROSS JOIN LATERAL generate_series(0, greatest(length(v.bytes) - 1, 0) / ?) AS s(i)`,
      [PIECE_BYTES, PIECE_BYTES, version.id, PIECE_BYTES],
    );
    // A piece may end inside a UTF-8 character: the decoder keeps the partial bytes for the next one.
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for (let expected = 0; ; expected++) {
      const { rows } = await trx.raw<{ rows: Array<{ piece_number: number; piece: Buffer }> }>('FETCH 1 FROM netraven_config_pieces');
      const row = rows[0];
      if (row === undefined) break;
      if (row.piece_number !== expected) throw new NetRavenError('INTERNAL', `configuration pieces arrived out of order (${row.piece_number} instead of ${expected})`);
      const text = carry + decoder.write(row.piece);
      const cut = text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      if (cut > 0 && !(await write(text.slice(0, cut)))) return { hostname: device.hostname, version };
    }
    carry += decoder.end();
    if (carry.length > 0) await write(carry);
    return { hostname: device.hostname, version };
  });
}

/**
 * The two versions `configs diff` compares: FROM and TO as given; FROM alone is compared with the
 * latest; neither means the previous version against the latest. NOT_FOUND when there is nothing to compare.
 */
export async function versionPair(knex: Knex, hostname: string, from?: string, to?: string): Promise<{ hostname: string; from: Version; to: Version }> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    if (from !== undefined) {
      const older = await resolveVersion(trx, device, from, WITH_CONTENT);
      const newer = to !== undefined ? await resolveVersion(trx, device, to, WITH_CONTENT) : (await newest(trx, device.id, 1))[0]!;
      return { hostname: device.hostname, from: older, to: newer };
    }
    const [latest, previous] = await newest(trx, device.id, 2);
    if (latest === undefined) throw new NetRavenError('NOT_FOUND', `${device.hostname} has no stored configuration yet: run \`netraven retrieve --device ${device.hostname}\``);
    if (previous === undefined) {
      throw new NetRavenError('NOT_FOUND', `${device.hostname} has a single stored version (${latest.id}): nothing to compare yet; a new version is stored when the configuration changes`);
    }
    return { hostname: device.hostname, from: previous, to: latest };
  });
}
