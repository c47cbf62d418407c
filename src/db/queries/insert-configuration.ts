/** Inserts one configuration version; a large content travels to PostgreSQL in pieces, never as one whole copy. */
import type { Knex } from 'knex';

/** Contents up to this many UTF-16 code units go in one ordinary INSERT. */
const PIECE_CHARS = 4 * 1024 * 1024;

export interface NewConfiguration {
  deviceId: string;
  jobId: string;
  content: string;
  /** sha256 of the content's UTF-8 bytes, 64 lowercase hex digits. */
  contentHash: string;
  /** The content's size in UTF-8 bytes. */
  sizeBytes: number;
  metadata: Record<string, unknown>;
}

/** The content cut into pieces of about PIECE_CHARS, never between the two halves of a surrogate pair. */
function* pieces(content: string): Generator<string> {
  for (let at = 0; at < content.length; ) {
    let end = Math.min(content.length, at + PIECE_CHARS);
    const last = content.charCodeAt(end - 1);
    if (end < content.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield content.slice(at, end);
    at = end;
  }
}

/**
 * Inserts the version inside `trx` and returns its id (uuid). A content over PIECE_CHARS (4 Mi code units) is
 * sent in 4 MiB pieces into a temporary table dropped at once, and PostgreSQL joins them (string_agg) into the
 * row: pg builds every Bind message in one growing buffer, so a 100 MB parameter would cost the process two
 * more 100 MB copies; the pieces keep that at 4 MiB. Stored bytes are identical either way.
 * Throws what PostgreSQL throws (the caller's transaction rolls back; nothing is stored).
 */
export async function insertConfiguration(trx: Knex.Transaction, row: NewConfiguration): Promise<string> {
  if (row.content.length <= PIECE_CHARS) {
    const [inserted] = await trx('device_configurations').insert(row).returning('id');
    return (inserted as { id: string }).id;
  }
  await trx.raw('CREATE TEMPORARY TABLE netraven_content_pieces (n integer PRIMARY KEY, piece text NOT NULL) ON COMMIT DROP');
  let n = 0;
  for (const piece of pieces(row.content)) {
    await trx.raw('INSERT INTO netraven_content_pieces (n, piece) VALUES (?, ?)', [n, piece]);
    n += 1;
  }
  const { rows } = await trx.raw<{ rows: Array<{ id: string }> }>(
    `INSERT INTO device_configurations (device_id, job_id, content, content_hash, size_bytes, metadata)
     SELECT ?, ?, string_agg(piece, '' ORDER BY n), ?, ?, ?::jsonb FROM netraven_content_pieces RETURNING id`,
    [row.deviceId, row.jobId, row.contentHash, row.sizeBytes, JSON.stringify(row.metadata)],
  );
  // Dropped now, not only at commit: the transaction may store nothing else, but must not trip on it if it does.
  await trx.raw('DROP TABLE netraven_content_pieces');
  return rows[0]!.id;
}
