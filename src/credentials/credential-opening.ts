import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';
import { defaultKeyring, type KeyringSource } from './keyring-source.js';
import { open, sealedKeyId, type SealedField } from './sealing.js';

/**
 * The sealed fields of a credential row and what they are bound to. A credential has a
 * password (`secret`) or a private key (with an optional passphrase), never both.
 */
export interface SealedSecrets {
  id: string;
  name: string;
  secret: Uint8Array | null;
  enableSecret: Uint8Array | null;
  privateKey: Uint8Array | null;
  keyPassphrase: Uint8Array | null;
  keyId: string;
}

/** A credential row with its sealed fields, as credentialsFor returns it. */
export interface SealedCredential extends SealedSecrets {
  username: string;
}

/** The plaintext of every sealed field; null where the credential has none. */
export interface OpenedSecrets {
  password: string | null;
  enableSecret: string | null;
  /** OpenSSH or PEM private key text. */
  privateKey: string | null;
  passphrase: string | null;
}

/** Plaintext for one SSH login: keep it only as long as the login needs it; never log it. */
export interface OpenedCredential extends OpenedSecrets {
  username: string;
}

/** The sealed column of each opened field, in the order they are opened and re-sealed. */
export const SEALED_FIELDS: ReadonlyArray<{ field: SealedField; sealed: keyof SealedSecrets; opened: keyof OpenedSecrets }> = [
  { field: 'secret', sealed: 'secret', opened: 'password' },
  { field: 'enable_secret', sealed: 'enableSecret', opened: 'enableSecret' },
  { field: 'private_key', sealed: 'privateKey', opened: 'privateKey' },
  { field: 'key_passphrase', sealed: 'keyPassphrase', opened: 'passphrase' },
];

function openField(credential: SealedSecrets, field: SealedField, sealed: Uint8Array, keyring: KeyringSource): string {
  const context = { credentialId: credential.id, field, credentialName: credential.name };
  // Rotation relies on key_id to know which rows still need an old key; a value sealed
  // under another key than the column says would be lost when that key is retired.
  if (sealedKeyId(sealed, context) !== credential.keyId) {
    throw new NetRavenError('CIPHERTEXT_INVALID', `credential ${quote(credential.name, 100)}: its ${field.replace('_', ' ')} is sealed with another key than its key_id column says (${credential.keyId}): re-enter the secret`, {
      details: { credentialId: credential.id, field },
    });
  }
  return open(sealed, (keyId) => keyring.key(keyId, credential.name), context);
}

/** Opens every sealed field; for the login path (via openCredential), rotation and verify. */
export function openSecrets(credential: SealedSecrets, keyring: KeyringSource): OpenedSecrets {
  const opened: OpenedSecrets = { password: null, enableSecret: null, privateKey: null, passphrase: null };
  for (const { field, sealed, opened: name } of SEALED_FIELDS) {
    const value = credential[sealed] as Uint8Array | null | undefined;
    if (value != null) opened[name] = openField(credential, field, value, keyring);
  }
  return opened;
}

/** Opens a credential's secrets for the login path only. */
export function openCredential(credential: SealedCredential, keyring: KeyringSource = defaultKeyring()): OpenedCredential {
  return { username: credential.username, ...openSecrets(credential, keyring) };
}
