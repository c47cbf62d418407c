import type { Knex } from 'knex';
import { inTransaction, type RecordHook } from '../db/transactions.js';
import { validTags } from './credential-input.js';
import { lockCredentialByName, summaryByName, type CredentialSummary } from './credential-queries.js';

/** Creates the tags that do not exist yet (names are case-insensitive) and returns all their ids. */
export async function ensureTags(trx: Knex.Transaction, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  await trx.raw('INSERT INTO tags (name) SELECT unnest(?::text[]) ON CONFLICT ((lower(name))) DO NOTHING', [[...names]]);
  const { rows } = await trx.raw<{ rows: Array<{ id: string }> }>('SELECT id FROM tags WHERE lower(name) = ANY(?::text[])', [names.map((n) => n.toLowerCase())]);
  return rows.map((row) => row.id);
}

/** Links a credential to tags, creating tags on first use; existing links are kept. */
export async function attachTags(trx: Knex.Transaction, credentialId: string, names: readonly string[]): Promise<void> {
  const tagIds = await ensureTags(trx, names);
  if (tagIds.length === 0) return;
  await trx.raw('INSERT INTO credential_tags (credential_id, tag_id) SELECT ?::uuid, unnest(?::uuid[]) ON CONFLICT DO NOTHING', [credentialId, tagIds]);
}

/** Adds tags to the named credential. */
export async function tagCredential(knex: Knex, name: string, tags: readonly string[]): Promise<CredentialSummary> {
  const names = validTags(tags);
  return inTransaction(knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    await attachTags(trx, row.id, names);
    return summaryByName(trx, row.name);
  });
}

/** Removes tags from the named credential; the tags themselves stay (devices may use them). */
export async function untagCredential(knex: Knex, name: string, tags: readonly string[]): Promise<CredentialSummary> {
  const names = validTags(tags).map((tag) => tag.toLowerCase());
  return inTransaction(knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    await trx.raw(
      'DELETE FROM credential_tags ct USING tags t WHERE ct.tag_id = t.id AND ct.credential_id = ?::uuid AND lower(t.name) = ANY(?::text[])',
      [row.id, names],
    );
    return summaryByName(trx, row.name);
  });
}

/**
 * Makes the credential's tags exactly `tags` (created on first use; tags taken away stay for
 * the devices that use them), in one transaction; `record` runs inside it. INPUT_INVALID for a
 * tag the tags table would refuse, CREDENTIAL_NOT_FOUND for an unknown name.
 */
export async function setCredentialTags(knex: Knex, name: string, tags: readonly string[], options: { record?: RecordHook<CredentialSummary> } = {}): Promise<CredentialSummary> {
  const names = validTags(tags);
  return inTransaction(knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    await trx.raw(
      'DELETE FROM credential_tags ct USING tags t WHERE ct.tag_id = t.id AND ct.credential_id = ?::uuid AND NOT (lower(t.name) = ANY(?::text[]))',
      [row.id, names.map((tag) => tag.toLowerCase())],
    );
    await attachTags(trx, row.id, names);
    const summary = await summaryByName(trx, row.name);
    await options.record?.(trx, summary);
    return summary;
  });
}
