import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Credential } from '../db/models/credential.model.js';
import { inTransaction, type RecordHook } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { DEFAULT_PRIORITY, quote, validName, validPriority, validSecret, validTags, validUsername } from './credential-input.js';
import { openSecrets, SEALED_FIELDS, type OpenedSecrets, type SealedSecrets } from './credential-opening.js';
import { lockCredentialByName, summaryByName, type CredentialSummary } from './credential-queries.js';
import { attachTags } from './credential-tags.js';
import { bindKeyring } from './keyring-identity.js';
import { lockKeyringShared } from './keyring-lock.js';
import type { KeyringSource } from './keyring-source.js';
import { checkPrivateKey } from './private-key.js';
import { seal } from './sealing.js';

/** Where credentials live: the database for ciphertext, the keyring for keys. */
export interface CredentialStore {
  knex: Knex;
  keyring: KeyringSource;
}

/** A password credential (secret) or a key credential (privateKey, with its passphrase when encrypted). */
export interface NewCredential {
  name: string;
  username: string;
  secret?: string | null;
  /** OpenSSH or PEM private key text, checked with ssh2's parser. */
  privateKey?: string | null;
  passphrase?: string | null;
  enableSecret?: string | null;
  /** Lower is tried first; default 100. */
  priority?: number;
  tags?: readonly string[];
}

export interface CredentialChanges {
  rename?: string;
  username?: string;
  priority?: number;
  /** A new password; a key credential becomes a password credential. */
  secret?: string;
  /** A new private key (and its passphrase); a password credential becomes a key credential. */
  privateKey?: string;
  passphrase?: string | null;
  /** null removes the enable secret. */
  enableSecret?: string | null;
}

/** Options of the changing functions: `record` runs inside the change's transaction (who changed what). */
export interface ChangeOptions {
  record?: RecordHook<CredentialSummary>;
}

/** Plaintext of a credential's login: a password or a checked private key. */
interface Login {
  plain: OpenedSecrets;
  keyFingerprint: string | null;
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
 * Seals every field under the active key, read under the shared keyring lock so a concurrent
 * rotation cannot retire that key before this transaction commits; a keyring that does not
 * belong to the database is refused (KEYRING_FOREIGN) before anything is written.
 */
async function sealAll(store: CredentialStore, trx: Knex.Transaction, id: string, name: string, plain: OpenedSecrets): Promise<Record<string, unknown>> {
  await lockKeyringShared(trx);
  const key = await bindKeyring(trx, store.keyring);
  const sealed: Record<string, unknown> = { keyId: key.id };
  for (const { field, sealed: column, opened } of SEALED_FIELDS) {
    const value = plain[opened];
    sealed[column] = value === null ? null : seal(value, key, { credentialId: id, field, credentialName: name });
  }
  return sealed;
}

function bothLogins(name: string): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `credential ${quote(name)}: give a secret or a private key, not both (a credential logs in one way)`);
}

/** The checked plaintext of a new credential: exactly one of a password and a private key. */
function loginOf(input: NewCredential, name: string): Login {
  const enableSecret = input.enableSecret == null ? null : validSecret(input.enableSecret, name, 'enable secret');
  if (input.privateKey == null) {
    return { plain: { password: validSecret(input.secret, name), enableSecret, privateKey: null, passphrase: null }, keyFingerprint: null };
  }
  if (input.secret != null) throw bothLogins(name);
  const key = checkPrivateKey(input.privateKey, input.passphrase ?? null, name);
  return { plain: { password: null, enableSecret, privateKey: key.text, passphrase: key.passphrase }, keyFingerprint: key.fingerprint };
}

/** Adds a credential with its secrets sealed; tags are created on first use. */
export async function createCredential(store: CredentialStore, input: NewCredential, options: ChangeOptions = {}): Promise<CredentialSummary> {
  const name = validName(input.name);
  const username = validUsername(input.username, name);
  const login = loginOf(input, name);
  const priority = validPriority(input.priority ?? DEFAULT_PRIORITY);
  const tags = validTags(input.tags ?? []);
  // The id is made here, not by the database: the associated data of each sealed value needs it.
  const id = randomUUID();
  return inTransaction(store.knex, async (trx) => {
    const sealed = await sealAll(store, trx, id, name, login.plain);
    await trx('credentials')
      .insert({ id, name, username, priority, keyFingerprint: login.keyFingerprint, ...sealed })
      .catch((err: unknown) => {
        throw duplicateName(err, name);
      });
    await attachTags(trx, id, tags);
    const summary = await summaryByName(trx, name);
    await options.record?.(trx, summary);
    return summary;
  });
}

/**
 * The login after `changes`: the kept secrets opened, the changed ones checked. Only kept fields
 * are opened, so a damaged value can be repaired by replacing it.
 */
function changedLogin(store: CredentialStore, row: Credential, name: string, changes: CredentialChanges): Login {
  if (changes.secret !== undefined && changes.privateKey !== undefined) throw bothLogins(name);
  const newLogin = changes.secret !== undefined || changes.privateKey !== undefined;
  const kept: SealedSecrets = {
    ...(row as SealedSecrets),
    ...(newLogin ? { secret: null, privateKey: null, keyPassphrase: null } : {}),
    ...(changes.enableSecret !== undefined ? { enableSecret: null } : {}),
  };
  const plain = openSecrets(kept, store.keyring);
  let keyFingerprint = row.keyFingerprint;
  if (changes.secret !== undefined) {
    Object.assign(plain, { password: validSecret(changes.secret, name), privateKey: null, passphrase: null });
    keyFingerprint = null;
  }
  if (changes.privateKey !== undefined) {
    const key = checkPrivateKey(changes.privateKey, changes.passphrase ?? null, name);
    Object.assign(plain, { password: null, privateKey: key.text, passphrase: key.passphrase });
    keyFingerprint = key.fingerprint;
  }
  if (changes.enableSecret !== undefined) plain.enableSecret = changes.enableSecret === null ? null : validSecret(changes.enableSecret, name, 'enable secret');
  return { plain, keyFingerprint };
}

/** Changes a credential; a new secret, key or enable secret re-seals every field (they share one key id). */
export async function updateCredential(store: CredentialStore, name: string, changes: CredentialChanges, options: ChangeOptions = {}): Promise<CredentialSummary> {
  return inTransaction(store.knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    const newName = changes.rename === undefined ? row.name : validName(changes.rename);
    const patch: Record<string, unknown> = { name: newName };
    if (changes.username !== undefined) patch.username = validUsername(changes.username, newName);
    if (changes.priority !== undefined) patch.priority = validPriority(changes.priority);
    if (changes.secret !== undefined || changes.privateKey !== undefined || changes.enableSecret !== undefined) {
      const login = changedLogin(store, row, newName, changes);
      Object.assign(patch, { keyFingerprint: login.keyFingerprint }, await sealAll(store, trx, row.id, newName, login.plain));
    }
    await trx('credentials')
      .where({ id: row.id })
      .update(patch)
      .catch((err: unknown) => {
        throw duplicateName(err, newName);
      });
    const summary = await summaryByName(trx, newName);
    await options.record?.(trx, summary);
    return summary;
  });
}

/**
 * Removes a credential; devices that last logged in with it forget it (ON DELETE SET NULL).
 * Returns what it was. CREDENTIAL_NOT_FOUND when no credential has this name.
 */
export async function deleteCredential(knex: Knex, name: string, options: ChangeOptions = {}): Promise<CredentialSummary> {
  return inTransaction(knex, async (trx) => {
    const row = await lockCredentialByName(trx, name);
    const summary = await summaryByName(trx, row.name);
    await trx('credentials').where({ id: row.id }).delete();
    await options.record?.(trx, summary);
    return summary;
  });
}
