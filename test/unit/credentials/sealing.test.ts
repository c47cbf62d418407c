import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, type KeyEntry } from '../../../src/credentials/keyring.js';
import { open, seal, sealedKeyId } from '../../../src/credentials/sealing.js';
import { NetRavenError } from '../../../src/errors.js';
import { flipOneCiphertextByte } from '../../support/credentials.js';
import { refused } from '../../support/refused.js';

const key = generateKey();
const other = generateKey();
const keys = new Map<string, KeyEntry>([[key.id, key], [other.id, other]]);
const keyFor = (id: string) => {
  const found = keys.get(id);
  if (!found) throw new NetRavenError('KEY_NOT_FOUND', `no key ${id}`);
  return found;
};


describe('sealing', () => {
  const id = randomUUID();
  const context = { credentialId: id, field: 'secret' as const, credentialName: 'core-admin' };

  it('round-trips unicode secrets and names the key in a v1.keyId.nonce.ciphertext value', () => {
    const sealed = seal('pässwörd ☃ with spaces ', key, context);
    const parts = sealed.toString('latin1').split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    expect(parts[1]).toBe(key.id);
    expect(sealedKeyId(sealed, context)).toBe(key.id);
    expect(open(sealed, keyFor, context)).toBe('pässwörd ☃ with spaces ');
  });

  it('uses a fresh nonce per value: the same secret seals differently each time', () => {
    const a = seal('same', key, context).toString('latin1').split('.');
    const b = seal('same', key, context).toString('latin1').split('.');
    expect(a[2]).not.toBe(b[2]);
    expect(a[3]).not.toBe(b[3]);
  });

  it('does not open under another credential id or another field', () => {
    const sealed = seal('s3cret', key, context);
    expect(refused(() => open(sealed, keyFor, { ...context, credentialId: randomUUID() })).code).toBe('CIPHERTEXT_INVALID');
    const err = refused(() => open(sealed, keyFor, { ...context, field: 'enable_secret' }));
    expect(err.code).toBe('CIPHERTEXT_INVALID');
    expect(err.message).toContain('enable secret of credential "core-admin"');
  });

  it('fails with CIPHERTEXT_INVALID naming the credential when one byte is flipped', () => {
    const err = refused(() => open(flipOneCiphertextByte(seal('s3cret', key, context)), keyFor, context));
    expect(err.code).toBe('CIPHERTEXT_INVALID');
    expect(err.message).toContain('the secret of credential "core-admin" does not open with key');
    expect(err.message).not.toContain('s3cret');
  });

  it('refuses a value relabelled to another key, and values that are not sealed at all', () => {
    const sealed = seal('s3cret', key, context).toString('latin1');
    const relabelled = Buffer.from(sealed.replace(key.id, other.id), 'latin1');
    expect(refused(() => open(relabelled, keyFor, context)).code).toBe('CIPHERTEXT_INVALID');
    for (const junk of ['', 's3cret', 'v2.a.b.c', `v1.${key.id}.short.x`, `v1.bad.key.${'A'.repeat(40)}`]) {
      expect(refused(() => open(Buffer.from(junk), keyFor, context)).message).toContain('not a NetRaven sealed value');
    }
  });

  it('reports a key missing from the keyring through the lookup', () => {
    const lost = generateKey();
    const sealed = seal('s3cret', lost, context);
    expect(refused(() => open(sealed, keyFor, context)).code).toBe('KEY_NOT_FOUND');
  });
});
