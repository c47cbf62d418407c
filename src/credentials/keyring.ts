import { randomBytes } from 'node:crypto';
import { NetRavenError } from '../errors.js';

/** active: seals new values (exactly one); retiring: only opens values not yet re-sealed. */
export type KeyState = 'active' | 'retiring';

/** One key of the keyring; `material` is the 32-byte XChaCha20-Poly1305 key. */
export interface KeyEntry {
  id: string;
  createdAt: string;
  state: KeyState;
  material: Uint8Array;
}

/** The keys NetRaven may use, as read from the keyring file. */
export interface Keyring {
  file: string;
  keys: KeyEntry[];
}

export const KEY_BYTES = 32;
/** Key ids appear in sealed values between dots, so they may not contain one. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The key new values are sealed with. */
export function activeKey(keyring: Keyring): KeyEntry {
  const active = keyring.keys.filter((key) => key.state === 'active');
  if (active.length !== 1) {
    throw new NetRavenError('KEYRING_INVALID', `keyring ${keyring.file} has ${active.length} active keys, expected exactly 1: restore it from your backup`, {
      details: { file: keyring.file },
    });
  }
  return active[0]!;
}

/** The key with this id, or undefined. */
export function findKey(keyring: Keyring, id: string): KeyEntry | undefined {
  return keyring.keys.find((key) => key.id === id);
}

/** Keys left over from an unfinished rotation. */
export function retiringKeys(keyring: Keyring): KeyEntry[] {
  return keyring.keys.filter((key) => key.state === 'retiring');
}

/** A fresh random key; the id says when it was made and stays unique without coordination. */
export function generateKey(now: Date = new Date()): KeyEntry {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return {
    id: `k${stamp}-${randomBytes(4).toString('hex')}`,
    createdAt: now.toISOString(),
    state: 'active',
    material: new Uint8Array(randomBytes(KEY_BYTES)),
  };
}

/** The keyring with `key` active and every other key retiring. */
export function withActiveKey(keyring: Keyring, key: KeyEntry): Keyring {
  const others = keyring.keys.filter((k) => k.id !== key.id).map((k) => ({ ...k, state: 'retiring' as const }));
  return { file: keyring.file, keys: [...others, { ...key, state: 'active' }] };
}

/** The keyring without the given keys; refuses to drop the active one. */
export function withoutKeys(keyring: Keyring, ids: readonly string[]): Keyring {
  if (ids.includes(activeKey(keyring).id)) throw new NetRavenError('INTERNAL', 'refusing to remove the active key from the keyring');
  return { file: keyring.file, keys: keyring.keys.filter((key) => !ids.includes(key.id)) };
}
