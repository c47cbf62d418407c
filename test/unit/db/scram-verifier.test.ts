import { describe, expect, it } from 'vitest';
import { scramVerifier, verifierMatches } from '../../../src/db/scram-verifier.js';

describe('SCRAM-SHA-256 verifiers (the form of pg_authid.rolpassword)', () => {
  it('makes a verifier in PostgreSQL\'s format that matches its password and no other', () => {
    const verifier = scramVerifier('pencil-and-paper');
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    expect(verifierMatches(verifier, 'pencil-and-paper')).toBe(true);
    expect(verifierMatches(verifier, 'pencil-and-pape')).toBe(false);
    expect(scramVerifier('pencil-and-paper')).not.toBe(verifier);
  });

  it('is deterministic for a given salt and iteration count', () => {
    const salt = Buffer.from('0123456789abcdef');
    expect(scramVerifier('pw', salt, 4096)).toBe(scramVerifier('pw', salt, 4096));
    expect(scramVerifier('pw', salt, 4096)).not.toBe(scramVerifier('pw', salt, 4097));
  });

  it('never matches an MD5 hash, NULL, a plaintext or a malformed value', () => {
    for (const stored of [null, 'md5a3556571e93b0d20722ba62be61e8c2d', 'pencil', 'SCRAM-SHA-256$0:AAAA$AAAA:AAAA', 'SCRAM-SHA-256$4096:c2FsdA==$c2hvcnQ=:c2hvcnQ=']) {
      expect(verifierMatches(stored, 'pencil')).toBe(false);
    }
  });
});
