import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';
import { defaultKeyring, type KeyringSource } from './keyring-source.js';
import { open, sealedKeyId, type SealedField } from './sealing.js';

/** The sealed fields of a credential row and what they are bound to. */
export interface SealedSecrets {
  id: string;
  name: string;
  secret: Uint8Array;
  enableSecret: Uint8Array | null;
  keyId: string;
}

/** A credential row with its sealed fields, as credentialsFor returns it. */
export interface SealedCredential extends SealedSecrets {
  username: string;
}

/** Plaintext for one SSH login: keep it only as long as the login needs it; never log it. */
export interface OpenedCredential {
  username: string;
  password: string;
  enableSecret: string | null;
}

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

/** Opens both secret fields; for the login path (via openCredential), rotation and verify. */
export function openSecrets(credential: SealedSecrets, keyring: KeyringSource): Omit<OpenedCredential, 'username'> {
  return {
    password: openField(credential, 'secret', credential.secret, keyring),
    enableSecret: credential.enableSecret === null ? null : openField(credential, 'enable_secret', credential.enableSecret, keyring),
  };
}

/** Opens a credential's secrets for the login path only. */
export function openCredential(credential: SealedCredential, keyring: KeyringSource = defaultKeyring()): OpenedCredential {
  return { username: credential.username, ...openSecrets(credential, keyring) };
}
