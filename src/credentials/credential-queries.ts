import type { Knex } from 'knex';
import { raw } from 'objection';
import { Credential } from '../db/models/credential.model.js';
import { keysetPage, type Page } from '../db/queries/keyset-page.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';

/** What may be shown about a credential: everything but its secrets. */
export interface CredentialSummary {
  id: string;
  name: string;
  username: string;
  priority: number;
  keyId: string;
  /** How it logs in: a password or an SSH private key. */
  method: 'password' | 'key';
  /** "<type> SHA256:<fingerprint>" of a key credential's public half (public); null for a password. */
  keyFingerprint: string | null;
  hasEnableSecret: boolean;
  tags: string[];
  successCount: number;
  failureCount: number;
  lastUsedAt: Date | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SUMMARY_COLUMNS = ['id', 'name', 'username', 'priority', 'keyId', 'keyFingerprint', 'successCount', 'failureCount', 'lastUsedAt', 'lastSuccessAt', 'createdAt', 'updatedAt'];
const TAGS_OF_ROW = raw(
  "(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM credential_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.credential_id = credentials.id) AS tags",
);

function summaryQuery(trx: Knex.Transaction) {
  return Credential.query(trx).select(...SUMMARY_COLUMNS).select('hasEnableSecret', TAGS_OF_ROW);
}

/** Builds the summary from a row selected by summaryQuery; secrets are never in it. */
function toSummary(row: Credential): CredentialSummary {
  const extra = row as unknown as { hasEnableSecret: boolean; tags: string[] };
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    priority: row.priority,
    keyId: row.keyId,
    method: row.keyFingerprint === null ? 'password' : 'key',
    keyFingerprint: row.keyFingerprint,
    hasEnableSecret: extra.hasEnableSecret,
    tags: extra.tags,
    successCount: row.successCount,
    failureCount: row.failureCount,
    lastUsedAt: row.lastUsedAt,
    lastSuccessAt: row.lastSuccessAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The error for a name that matches no credential. */
export function credentialNotFound(name: string): NetRavenError {
  return new NetRavenError('CREDENTIAL_NOT_FOUND', `no credential named ${quote(name)}: see \`netraven credentials list\``, { details: { name } });
}

/** One page of credentials by name, without secrets. */
export async function listCredentials(knex: Knex, options: { limit: number; after?: string }): Promise<Page<CredentialSummary>> {
  const page = await inReadOnlyTransaction(knex, (trx) => keysetPage(summaryQuery(trx), 'name', options, (row) => row.name));
  return { items: page.items.map(toSummary), next: page.next };
}

/** One credential by name (case-insensitive), without secrets. */
export async function getCredential(knex: Knex, name: string): Promise<CredentialSummary> {
  return inReadOnlyTransaction(knex, (trx) => summaryByName(trx, name));
}

/** The summary of a credential inside a caller's transaction. */
export async function summaryByName(trx: Knex.Transaction, name: string): Promise<CredentialSummary> {
  const row = await summaryQuery(trx).whereRaw('lower(name) = lower(?)', [name]).first();
  if (!row) throw credentialNotFound(name);
  return toSummary(row);
}

/** The full row, sealed secrets included, locked for update. */
export async function lockCredentialByName(trx: Knex.Transaction, name: string): Promise<Credential> {
  const row = await Credential.query(trx).whereRaw('lower(name) = lower(?)', [name]).forUpdate().first();
  if (!row) throw credentialNotFound(name);
  return row;
}

/** How many credentials each key id seals. */
export async function credentialsPerKey(knex: Knex): Promise<Map<string, number>> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const rows = await trx('credentials').select('keyId').count<Array<{ keyId: string; count: string }>>('* as count').groupBy('keyId');
    return new Map(rows.map((row) => [row.keyId, Number(row.count)]));
  });
}
