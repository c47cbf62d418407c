import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Credential } from '../db/models/credential.model.js';
import { inTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { DEFAULT_PRIORITY, quote, validName, validPriority, validSecret, validTags, validUsername } from './credential-input.js';
import { credentialNotFound, lockCredentialByName, summaryByName, type CredentialSummary } from './credential-queries.js';
import { attachTags } from './credential-tags.js';
import { lockKeyringShared } from './keyring-lock.js';
import type { KeyringSource } from './keyring-source.js';
import { open, seal } from './sealing.js';

/** Where credentials live: the database for ciphertext, the keyring for keys. */
export interface CredentialStore {
  knex: Knex;
  keyring: KeyringSource;
}

export interface NewCredential {
  name: string;
  username: string;
  secret: string;
  enableSecret?: string | null;
  /** Lower is tried first; default 100. */
  priority?: number;
  tags?: readonly string[];
}

export interface CredentialChanges {
  rename?: string;
  username?: string;
  priority?: number;
  secret?: string;
  /** null removes the enable secret. */
  enableSecret?: string | null;
}

function duplicateName(err: unknown, name: string): unknown {
  const pg = err as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'credentials_name_key') {
    return new NetRavenError('CREDENTIAL_EXISTS', `a credential named ${quote(name)} already exists (names ignore case): choose another name or change it with \`netraven credentials update\``, {
      details: { name },
    });
  }
  return err;
}

/**
 * Seals both secret fields under the active key, read under the shared keyring lock so a
 * concurrent rotation cannot retire that key before this transaction commits.
 */
async function sealBoth(store: CredentialStore, trx: Knex.Transaction, id: string, name: string, secret: string, enableSecret: string | null) {
  await lockKeyringShared(trx);
  const key = store.keyring.activeKey();
  return {
    keyId: key.id,
    secret: seal(secret, key, { credentialId: id, field: 'secret', credentialName: name }),
    enableSecret: enableSecret === null ? null : seal(enableSecret, key, { credentialId: id, field: 'enable_secret', credentialName: name }),
  };
}

/** Adds a credential with its secrets sealed; tags are created on first use. */
export async function createCredential(store: CredentialStore, input: NewCredential): Promise<CredentialSummary> {
  const name = validName(input.name);
  const username = validUsername(input.username, name);
  const secret = validSecret(input.secret, name);
  const enableSecret = input.enableSecret == null ? null : validSecret(input.enableSecret, name, 'enable secret');
  const priority = validPriority(input.priority ?? DEFAULT_PRIORITY);
  const tags = validTags(input.tags ?? []);
  // The id is made here, not by the database: the associated data of each sealed value needs it.
  const id = randomUUID();
  return inTransaction(store.knex, async (trx) => {
    const sealed = await sealBoth(store, trx, id, name, secret, enableSecret);
    await trx('credentials')
      .insert({ id, name, username, priority, ...sealed })
      .catch((err: unknown) => {
        throw duplicateName(err, name);
      });
    await attachTags(trx, id, tags);
    return summaryByName(trx, name);
  });
}

function openField(store: CredentialStore, row: Credential, field: 'secret' | 'enable_secret'): string | null {
  const sealed = field === 'secret' ? row.secret : row.enableSecret;
  if (sealed === null) return null;
  return open(sealed, (keyId) => store.keyring.key(keyId, row.name), { credentialId: row.id, field, credentialName: row.name });
}

/** Changes a credential; a new secret re-seals both fields (they share one key id). */
export async function updateCredential(store: CredentialStore, name: string, changes: CredentialChanges): Promise<CredentialSummary> {
  return inTransaction(store.knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    const newName = changes.rename === undefined ? row.name : validName(changes.rename);
    const patch: Record<string, unknown> = { name: newName };
    if (changes.username !== undefined) patch.username = validUsername(changes.username, newName);
    if (changes.priority !== undefined) patch.priority = validPriority(changes.priority);
    if (changes.secret !== undefined || changes.enableSecret !== undefined) {
      const secret = changes.secret === undefined ? openField(store, row, 'secret')! : validSecret(changes.secret, newName);
      const enableSecret =
        changes.enableSecret === undefined ? openField(store, row, 'enable_secret')
        : changes.enableSecret === null ? null
        : validSecret(changes.enableSecret, newName, 'enable secret');
      Object.assign(patch, await sealBoth(store, trx, row.id, newName, secret, enableSecret));
    }
    await trx('credentials')
      .where({ id: row.id })
      .update(patch)
      .catch((err: unknown) => {
        throw duplicateName(err, newName);
      });
    return summaryByName(trx, newName);
  });
}

/** Removes a credential; devices that last logged in with it forget it (ON DELETE SET NULL). */
export async function deleteCredential(knex: Knex, name: string): Promise<void> {
  const deleted = await knex('credentials').whereRaw('lower(name) = lower(?)', [name]).delete();
  if (deleted === 0) throw credentialNotFound(name);
}
