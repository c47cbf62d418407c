import { describe, expect, it } from 'vitest';
import { checkOperatorKey } from '../../../src/console/operator-keys.js';
import { isNetRavenError } from '../../../src/errors.js';
import { ecdsaKey, ed25519Key, fingerprintOf, pkcs8Key, rsaPemKey } from '../../support/private-keys.js';

function refusal(text: string): string {
  try {
    checkOperatorKey(text);
  } catch (err) {
    expect(isNetRavenError(err, 'INPUT_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('operator keys (operators add --key)', () => {
  it('accepts ed25519 and ECDSA public key lines, with the fingerprint ssh-keygen -l shows', () => {
    for (const pair of [ed25519Key(), ecdsaKey()]) {
      const key = checkOperatorKey(`\n# alice's laptop\n${pair.publicKey} alice@laptop\n`);
      expect(`${key.type} ${key.fingerprint}`).toBe(fingerprintOf(pair.publicKey));
      expect(key.line).toBe(`${pair.publicKey.split(' ').slice(0, 2).join(' ')} alice@laptop`);
    }
  });

  it('refuses malformed and hostile input with what to do, never quoting a private key', () => {
    const pair = ed25519Key();
    const [type, blob] = pair.publicKey.split(' ') as [string, string];
    expect(refusal('')).toMatch(/is empty/);
    expect(refusal(pair.privateKey)).toMatch(/is a PRIVATE key/);
    expect(refusal(pair.privateKey)).not.toContain(pair.privateKey.split('\n')[1]);
    expect(refusal(pkcs8Key())).toMatch(/PRIVATE key/);
    expect(refusal(`${pair.publicKey}\n${ed25519Key().publicKey}`)).toMatch(/holds 2 lines/);
    expect(refusal(`ssh-dss ${blob}`)).toMatch(/not of a type the SSH console accepts/);
    expect(refusal(`command="rm -rf /" ${pair.publicKey}`)).toMatch(/authorized_keys options/);
    expect(refusal(`${type} not-base64!`)).toMatch(/no base64 key/);
    expect(refusal(`${type} ${blob.slice(0, 20)}`)).toMatch(/is not a valid ssh-ed25519 public key/);
    expect(refusal(`ecdsa-sha2-nistp256 ${blob}`)).toMatch(/says ecdsa-sha2-nistp256 but holds a ssh-ed25519 key|not a valid/);
    expect(refusal(`${pair.publicKey} \x1b]52;c;aGk=\x07`)).toMatch(/control characters/);
    expect(refusal('A'.repeat(9_000))).toMatch(/characters long/);
    expect(refusal(rsaPemKey().privateKey)).toMatch(/PRIVATE key/);
  });
});
