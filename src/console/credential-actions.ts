/**
 * Credentials from the console: the list (never a secret, nor its length), what removing one
 * would leave without a credential, and add / edit / tags / remove through the credential
 * service, each recorded as a change by the operator in the same transaction. Secrets arrive
 * as arguments and go straight to the service; a key credential is given as the path of its
 * key file, read here (the key text never reaches the screen).
 */
import os from 'node:os';
import path from 'node:path';
import { quote, validName, validPriority, validTags, validUsername } from '../credentials/credential-input.js';
import { getCredential, type CredentialSummary } from '../credentials/credential-queries.js';
import { createCredential, deleteCredential, updateCredential, type CredentialChanges, type ChangeOptions } from '../credentials/credential-service.js';
import { setCredentialTags } from '../credentials/credential-tags.js';
import { readKeyFile } from '../credentials/key-input.js';
import { checkPrivateKey, privateKeyNeedsPassphrase } from '../credentials/private-key.js';
import { credentialRows, type CredentialRow } from '../db/queries/credential-rows.js';
import { devicesOnlyCredential, type OnlyCredentialDevices } from '../db/queries/devices-only-credential.js';
import type { Slice, SliceRequest } from '../db/queries/keyset-window.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError, NetRavenError } from '../errors.js';
import { recordChange, type ChangeName } from '../jobs/change-record.js';
import type { ActionClass } from './actor.js';
import { credentialText, loginText, tagsText } from './change-text.js';
import type { ConsoleContext } from './console-context.js';

/** How a credential logs in: a password, or the path of an SSH private key file (and its passphrase when encrypted). */
export type CredentialLogin = { kind: 'password'; secret: string } | { kind: 'key'; keyFile: string; passphrase: string | null };

export interface CredentialInput {
  name: string;
  username: string;
  tags: readonly string[];
  /** Lower is tried first; default 100. */
  priority?: number;
  login: CredentialLogin;
  /** null: none. */
  enableSecret: string | null;
}

/** What to change; a field left out is kept. */
export interface CredentialEdit {
  rename?: string;
  username?: string;
  priority?: number;
  /** A new password or key (a credential may switch between the two). */
  login?: CredentialLogin;
  /** A new enable secret, or null to remove it. */
  enableSecret?: string | null;
}

/** What the console learns from a key file before asking for its passphrase. */
export interface KeyFileCheck {
  /** The key needs a passphrase. */
  encrypted: boolean;
  /** "<type> SHA256:…" of a key that is not encrypted (an encrypted one is known after its passphrase). */
  fingerprint: string | null;
}

/** A field the add and edit forms check as the operator leaves it. */
export type CredentialField = 'name' | 'username' | 'tags' | 'priority';

export interface CredentialActions {
  /** A slice of the credentials by name, keyset-paged both ways; never a secret. */
  credentialPage(request: SliceRequest): Promise<Slice<CredentialRow>>;
  /** The devices whose only credential this one is (count and the first 5 hostnames): what removing it leaves without a login. */
  credentialRemovalImpact(credentialId: string): Promise<OnlyCredentialDevices>;
  /**
   * Checks one field as the service will (INPUT_INVALID…); for `name`, also that no other
   * credential has it (CREDENTIAL_EXISTS) — `current` is the name being edited. Returns the text as it will be stored.
   */
  checkCredentialField(field: CredentialField, text: string, current?: string): Promise<string>;
  /** Reads a key file (a regular file of at most 16 KiB; `~/` is the home folder) and says whether it needs a passphrase; INPUT_INVALID for a missing, unreadable or non-key file. */
  checkKeyFile(file: string, credentialName: string): Promise<KeyFileCheck>;
  /** Adds a credential (secrets sealed; KEYRING_FOREIGN, SECRET_EMPTY, INPUT_INVALID, CREDENTIAL_EXISTS change nothing). */
  addCredential(input: CredentialInput): Promise<CredentialSummary>;
  /** Changes a credential; only what `edit` names. */
  updateCredential(name: string, edit: CredentialEdit): Promise<CredentialSummary>;
  /** Makes the credential's tags exactly these. */
  setCredentialTags(name: string, tags: readonly string[]): Promise<CredentialSummary>;
  /** Removes a credential. */
  removeCredential(name: string): Promise<CredentialSummary>;
}

export const CREDENTIAL_ACTIONS: Record<keyof CredentialActions, ActionClass> = {
  credentialPage: 'read',
  credentialRemovalImpact: 'read',
  checkCredentialField: 'read',
  // It reads a file of the server the console runs on.
  checkKeyFile: 'admin',
  addCredential: 'admin',
  updateCredential: 'admin',
  setCredentialTags: 'admin',
  removeCredential: 'admin',
};

/** Tags as typed: separated by commas or spaces. */
export function parseTagList(text: string): string[] {
  return text.split(/[\s,]+/).filter((tag) => tag.length > 0);
}

/** A key file path as typed: `~/` is the home folder of the user the console runs as. */
function keyFilePath(file: string): string {
  const trimmed = file.trim();
  return trimmed === '~' || trimmed.startsWith('~/') ? path.join(os.homedir(), trimmed.slice(1)) : trimmed;
}

function loginFields(login: CredentialLogin): Pick<CredentialChanges, 'secret' | 'privateKey' | 'passphrase'> {
  if (login.kind === 'password') return { secret: login.secret };
  return { privateKey: readKeyFile(keyFilePath(login.keyFile)), passphrase: login.passphrase };
}

async function nameIsFree(ctx: ConsoleContext, name: string, current: string | undefined): Promise<void> {
  if (current !== undefined && current.toLowerCase() === name.toLowerCase()) return;
  const existing = await getCredential(ctx.knex, name).catch((err: unknown) => (isNetRavenError(err, 'CREDENTIAL_NOT_FOUND') ? null : Promise.reject(err)));
  if (existing) throw new NetRavenError('CREDENTIAL_EXISTS', `a credential named ${quote(name)} already exists (names ignore case): choose another name`);
}

export function credentialActions(ctx: ConsoleContext): CredentialActions {
  const record = (change: ChangeName, describe: (summary: CredentialSummary) => string): ChangeOptions => ({
    record: (trx, summary) =>
      recordChange(trx, { by: ctx.actor.name, change, subject: summary.name, message: `${describe(summary)} by ${ctx.actor.name}`, data: { credentialId: summary.id, via: ctx.actor.via } }),
  });
  const store = { knex: ctx.knex, keyring: ctx.keyring };
  return {
    credentialPage: (request) => inReadOnlyTransaction(ctx.knex, (trx) => credentialRows(trx, request)),
    credentialRemovalImpact: (credentialId) => inReadOnlyTransaction(ctx.knex, (trx) => devicesOnlyCredential(trx, credentialId, 5)),
    async checkCredentialField(field, text, current) {
      if (field === 'username') return validUsername(text, current ?? 'new');
      if (field === 'tags') return validTags(parseTagList(text)).join(', ');
      if (field === 'priority') return String(validPriority(text.trim() === '' ? Number.NaN : Number(text)));
      const name = validName(text);
      await nameIsFree(ctx, name, current);
      return name;
    },
    async checkKeyFile(file, credentialName) {
      const text = readKeyFile(keyFilePath(file));
      if (privateKeyNeedsPassphrase(text)) return { encrypted: true, fingerprint: null };
      return { encrypted: false, fingerprint: checkPrivateKey(text, null, credentialName).fingerprint };
    },
    addCredential(input) {
      const { secret, privateKey, passphrase } = loginFields(input.login);
      return createCredential(
        store,
        { name: input.name, username: input.username, tags: input.tags, priority: input.priority, secret: secret ?? null, privateKey: privateKey ?? null, passphrase: passphrase ?? null, enableSecret: input.enableSecret },
        record('credential.add', (s) => `${credentialText(s.name)} added (user ${quote(s.username, 100)}, ${loginText(s)}, ${tagsText(s.tags)}, priority ${s.priority})`),
      );
    },
    updateCredential(name, edit) {
      const changes: CredentialChanges = { rename: edit.rename, username: edit.username, priority: edit.priority, enableSecret: edit.enableSecret, ...(edit.login ? loginFields(edit.login) : {}) };
      const what = [
        edit.username !== undefined ? 'user' : '',
        edit.priority !== undefined ? 'priority' : '',
        edit.login ? (edit.login.kind === 'password' ? 'new password' : 'new SSH key') : '',
        edit.enableSecret === null ? 'enable secret removed' : edit.enableSecret !== undefined ? 'new enable secret' : '',
      ].filter(Boolean);
      if (what.length === 0 && edit.rename === undefined) throw new NetRavenError('INPUT_INVALID', `nothing to change in ${credentialText(name)}`);
      const describe = (s: CredentialSummary) => {
        const renamed = s.name === name ? '' : ` (now ${quote(s.name, 100)})`;
        return `${credentialText(name)}${renamed} changed (${[...what, ...(renamed ? ['renamed'] : [])].join(', ')}; user ${quote(s.username, 100)}, ${loginText(s)}, priority ${s.priority})`;
      };
      return updateCredential(store, name, changes, record('credential.update', describe));
    },
    setCredentialTags: (name, tags) => setCredentialTags(ctx.knex, name, tags, record('credential.tags', (s) => `${credentialText(s.name)} now applies to ${tagsText(s.tags)}`)),
    removeCredential: (name) => deleteCredential(ctx.knex, name, record('credential.remove', (s) => `${credentialText(s.name)} removed (user ${quote(s.username, 100)}, ${loginText(s)}, ${tagsText(s.tags)})`)),
  };
}
