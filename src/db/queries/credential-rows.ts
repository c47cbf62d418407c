import type { Knex } from 'knex';
import { readSlice, type Slice, type SliceRequest, type SortKey } from './keyset-window.js';

/** A credential as lists show it: never a sealed column (these are the columns netraven_readonly may read). */
export interface CredentialRow {
  id: string;
  name: string;
  username: string;
  /** How it logs in: a password or an SSH private key. */
  method: 'password' | 'key';
  /** "<type> SHA256:<fingerprint>" of a key credential's public half; null for a password. */
  keyFingerprint: string | null;
  hasEnableSecret: boolean;
  priority: number;
  /** The keyring key its secrets are sealed with. */
  keyId: string;
  tags: string[];
  successCount: number;
  failureCount: number;
  lastUsedAt: Date | null;
  lastSuccessAt: Date | null;
}

// lower(name) is unique (credentials_name_key), so it orders totally and its index serves every slice.
const BY_NAME: SortKey[] = [{ sql: 'lower(c.name)', cast: 'text' }];

/** A slice of the credentials by name (ignoring case), keyset-paged both ways, without any secret. */
export function credentialRows(trx: Knex.Transaction, request: SliceRequest): Promise<Slice<CredentialRow>> {
  const query = trx('credentials as c').select(
    'c.id', 'c.name', 'c.username', 'c.key_fingerprint', 'c.has_enable_secret', 'c.priority', 'c.key_id',
    'c.success_count', 'c.failure_count', 'c.last_used_at', 'c.last_success_at',
    trx.raw("CASE WHEN c.key_fingerprint IS NULL THEN 'password' ELSE 'key' END AS method"),
    trx.raw("(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM credential_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.credential_id = c.id) AS tags"),
  );
  return readSlice<CredentialRow>(query, BY_NAME, 'asc', request);
}
