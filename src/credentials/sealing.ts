import sodium from 'libsodium-wrappers';
import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';
import { KEY_ID_PATTERN, type KeyEntry } from './keyring.js';

// libsodium's WebAssembly must be ready before any call; doing it once here keeps
// sealing synchronous for the rotation's hot loop.
await sodium.ready;

/** The sealed columns of a credential. */
export type SealedField = 'secret' | 'enable_secret' | 'private_key' | 'key_passphrase';

// How a field is named in messages, and the `credentials update` flag that replaces it.
const FIELDS: Record<SealedField, { label: string; flag: string }> = {
  secret: { label: 'secret', flag: '--secret' },
  enable_secret: { label: 'enable secret', flag: '--enable' },
  private_key: { label: 'private key', flag: '--key-file FILE' },
  key_passphrase: { label: 'key passphrase', flag: '--key-file FILE' },
};

/** Which value a sealed blob belongs to: it opens only for the same credential id and field. */
export interface SealContext {
  credentialId: string;
  field: SealedField;
  /** For messages only. */
  credentialName?: string;
}

const VERSION = 'v1';
const NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
const TAG_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
const B64 = sodium.base64_variants.URLSAFE_NO_PADDING;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

interface ParsedSeal {
  keyId: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** The key id binds too, so a value cannot be relabelled to another key's name. */
function associatedData(context: SealContext, keyId: string): Uint8Array {
  return encoder.encode(`netraven:${VERSION}:credentials:${context.credentialId}:${context.field}:${keyId}`);
}

function label(context: SealContext): string {
  const field = FIELDS[context.field].label;
  const who = context.credentialName === undefined ? `credential ${context.credentialId}` : `credential ${quote(context.credentialName, 100)}`;
  return `the ${field} of ${who}`;
}

function damaged(context: SealContext, why: string): NetRavenError {
  const name = context.credentialName === undefined ? '<name>' : quote(context.credentialName, 100);
  const flag = FIELDS[context.field].flag;
  return new NetRavenError('CIPHERTEXT_INVALID', `${label(context)} ${why}: re-enter it with \`netraven credentials update ${name} ${flag}\``, {
    details: { credentialId: context.credentialId, field: context.field },
  });
}

function parse(sealed: Uint8Array, context: SealContext): ParsedSeal {
  const parts = Buffer.from(sealed).toString('latin1').split('.');
  const [version, keyId, nonceText, ciphertextText] = parts;
  if (parts.length !== 4 || version !== VERSION || !KEY_ID_PATTERN.test(keyId ?? '')) {
    throw damaged(context, 'is not a NetRaven sealed value (damaged or edited)');
  }
  try {
    const nonce = sodium.from_base64(nonceText!, B64);
    const ciphertext = sodium.from_base64(ciphertextText!, B64);
    if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) throw new Error('length');
    return { keyId: keyId!, nonce, ciphertext };
  } catch {
    throw damaged(context, 'is not a NetRaven sealed value (damaged or edited)');
  }
}

/** Seals a plaintext for one credential field: `v1.<keyId>.<nonce>.<ciphertext>` as bytes. */
export function seal(plaintext: string, key: KeyEntry, context: SealContext): Buffer {
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const message = encoder.encode(plaintext);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(message, associatedData(context, key.id), null, nonce, key.material);
  sodium.memzero(message);
  return Buffer.from(`${VERSION}.${key.id}.${sodium.to_base64(nonce, B64)}.${sodium.to_base64(ciphertext, B64)}`, 'latin1');
}

/** The key id a sealed value names, without opening it. */
export function sealedKeyId(sealed: Uint8Array, context: SealContext): string {
  return parse(sealed, context).keyId;
}

/** Opens a sealed value with the key it names; fails for any altered, moved or relabelled value. */
export function open(sealed: Uint8Array, keyFor: (keyId: string) => KeyEntry, context: SealContext): string {
  const parsed = parse(sealed, context);
  const key = keyFor(parsed.keyId);
  let message: Uint8Array;
  try {
    message = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, parsed.ciphertext, associatedData(context, parsed.keyId), parsed.nonce, key.material);
  } catch {
    throw damaged(context, `does not open with key ${parsed.keyId} (altered, or copied from another credential or field)`);
  }
  try {
    return decoder.decode(message);
  } catch {
    throw damaged(context, 'is not valid UTF-8 after opening');
  } finally {
    sodium.memzero(message);
  }
}
