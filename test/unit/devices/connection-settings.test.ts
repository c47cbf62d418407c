import { describe, expect, it } from 'vitest';
import { LEGACY_ALGORITHMS, buildAlgorithms } from '../../../src/devices/algorithms.js';
import { createHostVerifier, fingerprintOf, normaliseFingerprint, type HostKeyCheck } from '../../../src/devices/host-key.js';
import { DEFAULT_LIMITS, formatDuration, validateLimits } from '../../../src/devices/session-limits.js';
import { isNetRavenError } from '../../../src/errors.js';

describe('algorithm lists', () => {
  it('defaults to ssh2 defaults with legacy algorithms appended', () => {
    const algorithms = buildAlgorithms(undefined, undefined);
    expect(algorithms.kex).toEqual({ append: LEGACY_ALGORITHMS.kex });
    expect(LEGACY_ALGORITHMS.kex).toContain('diffie-hellman-group1-sha1');
    expect(LEGACY_ALGORITHMS.cipher).toEqual(expect.arrayContaining(['aes128-cbc', '3des-cbc']));
    expect(LEGACY_ALGORITHMS.serverHostKey).toContain('ssh-rsa');
  });
  it('a device override wins over the driver list, per category', () => {
    const algorithms = buildAlgorithms({ kex: ['diffie-hellman-group14-sha1'], cipher: ['aes128-cbc'] }, { kex: ['curve25519-sha256'] });
    expect(algorithms.kex).toEqual(['curve25519-sha256']);
    expect(algorithms.cipher).toEqual(['aes128-cbc']);
    expect(algorithms.hmac).toEqual({ append: LEGACY_ALGORITHMS.hmac });
  });
  it('rejects an empty list', () => {
    expect(() => buildAlgorithms(undefined, { cipher: [] })).toThrow(/cipher/);
  });
});

describe('host key fingerprints', () => {
  const blob = Buffer.from('ssh-ed25519 fake key blob');
  it('uses the OpenSSH SHA256 format without padding', () => {
    expect(fingerprintOf(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
  it('normalises pasted variants', () => {
    const fp = fingerprintOf(blob);
    expect(normaliseFingerprint(fp.slice('SHA256:'.length))).toBe(fp);
    expect(normaliseFingerprint(` ${fp}= `)).toBe(fp);
  });
  it('accepts an unknown key (TOFU) and reports it; refuses a different one', () => {
    const tofu: HostKeyCheck = { seen: null, mismatch: false };
    expect(createHostVerifier(null, tofu)(blob)).toBe(true);
    expect(tofu.seen).toBe(fingerprintOf(blob));
    const pinned: HostKeyCheck = { seen: null, mismatch: false };
    expect(createHostVerifier('SHA256:somethingelse', pinned)(blob)).toBe(false);
    expect(pinned.mismatch).toBe(true);
  });
});

describe('session limits', () => {
  it('accepts the defaults and rejects a non-positive limit by name', () => {
    expect(() => validateLimits({ ...DEFAULT_LIMITS })).not.toThrow();
    try {
      validateLimits({ ...DEFAULT_LIMITS, loginTimeoutMs: -1 });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(isNetRavenError(err, 'INPUT_INVALID')).toBe(true);
      expect((err as Error).message).toContain('loginTimeoutMs');
    }
  });
  it('formats durations for operators', () => {
    expect(formatDuration(20_000)).toBe('20 s');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(250)).toBe('250 ms');
  });
});
