import type { Knex } from 'knex';
import { assertWithinLimit } from '../../config/input-limits.js';
import { inReadOnlyTransaction } from '../transactions.js';

export interface ConfigurationMatch {
  configurationId: string;
  deviceId: string;
  hostname: string;
  retrievedAt: Date;
  /** Matching lines with their 1-based line numbers, at most `linesPerConfiguration`. */
  lines: Array<{ number: number; text: string }>;
}

export interface SearchOptions {
  /** Search every stored version instead of each device's latest only. */
  history?: boolean;
  /** Match TEXT anywhere, also inside a word (trigram index; slower when TEXT is made of common fragments). */
  substring?: boolean;
  limit?: number;
  linesPerConfiguration?: number;
}

/** Escapes LIKE wildcards so an operator's text is matched literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when TEXT has something the word index can look up (a letter or a digit). */
function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

// CAST, not ::, because knex reads `::text` as the named binding :text.
// plainto_tsquery ANDs the words of TEXT; the last one becomes a prefix so "Gi1/0/2" finds Gi1/0/24.
// A version the indexer has not reached yet gets its words computed here, so a search gives the same answer
// before and after indexing; PostgreSQL orders the cheap strpos confirmation first, so only versions that
// contain TEXT pay for it. A version with too many words (indexed, words NULL) is always a candidate.
const WORDS_QUERY = `CAST(regexp_replace(CAST(plainto_tsquery('simple', :text) AS text), '''$', ''':*') AS tsquery)`;
const WORD_CANDIDATES = `(c.search_words @@ ${WORDS_QUERY}
                         OR (c.search_words IS NULL AND (c.search_indexed_at IS NOT NULL OR COALESCE(netraven_config_words(c.content) @@ ${WORDS_QUERY}, true)))) AND`;

// The trigram index covers indexed versions only (storing a version builds no index entry): each arm
// implies one partial index's predicate, so the planner can OR the trigram index with the pending one.
const SUBSTRING_CANDIDATES = `((c.search_indexed_at IS NOT NULL AND c.content ILIKE :pattern) OR (c.search_indexed_at IS NULL AND c.content ILIKE :pattern))`;

/**
 * Case-insensitive search over configuration content; every match is confirmed on the
 * content itself, so an index only decides which configurations are read.
 * - By default TEXT must start at the beginning of a word: the word index (tsvector) finds
 *   candidates and keeps IP addresses, host names and interface paths whole, so `10.1.2.3`
 *   or `Gi1/0/24` are selective where trigrams of "10", "1", "2" are in every configuration.
 * - With `substring`, TEXT may start inside a word: the pg_trgm index finds candidates.
 * - Versions the indexer has not reached yet (search_indexed_at NULL, search_words NULL) are always
 *   candidates in both modes, so a search right after a sweep finds what the sweep stored.
 * TEXT longer than INPUT_LIMITS.searchText is refused (INPUT_INVALID).
 */
export async function searchConfigurations(db: Knex, text: string, options: SearchOptions = {}): Promise<ConfigurationMatch[]> {
  assertWithinLimit('search text', text, 'searchText');
  const latestOnly = options.history
    ? ''
    : `AND c.id = (SELECT x.id FROM device_configurations x WHERE x.device_id = c.device_id ORDER BY x.retrieved_at DESC, x.id DESC LIMIT 1)`;
  // Word mode confirms with strpos(lower()), which the trigram index cannot serve: otherwise
  // the planner (misjudging trigram selectivity) drives the query by it and rechecks
  // thousands of configurations; strpos is also ~5x cheaper per configuration than ILIKE.
  const byWords = !options.substring && hasWords(text);
  const filter = byWords ? `${WORD_CANDIDATES} strpos(lower(c.content), lower(:text)) > 0` : SUBSTRING_CANDIDATES;
  return inReadOnlyTransaction(db, async (trx) => {
    // The inner query has no ORDER BY so a broad term stops after `limit` matches instead of
    // rechecking every configuration; only that subset is sorted and split into lines.
    const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
      `SELECT c.id, c.device_id, d.hostname, c.retrieved_at,
              ARRAY(SELECT json_build_object('number', l.n, 'text', l.line)
                    FROM string_to_table(c.content, E'\\n') WITH ORDINALITY AS l(line, n)
                    WHERE strpos(lower(l.line), lower(:text)) > 0 ORDER BY l.n LIMIT :lines) AS lines
       FROM (SELECT c.id FROM device_configurations c WHERE ${filter} ${latestOnly} LIMIT :limit) AS hit
       JOIN device_configurations c ON c.id = hit.id
       JOIN devices d ON d.id = c.device_id
       ORDER BY d.hostname, c.retrieved_at DESC`,
      { text, pattern: likePattern(text), lines: options.linesPerConfiguration ?? 20, limit: options.limit ?? 100 },
    );
    return rows.map((row) => ({
      configurationId: row.id as string,
      deviceId: row.device_id as string,
      hostname: row.hostname as string,
      retrievedAt: row.retrieved_at as Date,
      lines: row.lines as ConfigurationMatch['lines'],
    }));
  });
}
