/** Trust-on-first-use host key checking by OpenSSH-style SHA256 fingerprints. */
import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint format: "SHA256:" + unpadded base64 of the SHA-256 of the key blob. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Accepts "SHA256:abc", "abc" or padded base64 so operators can paste what ssh-keygen printed. */
export function normaliseFingerprint(fingerprint: string): string {
  const trimmed = fingerprint.trim();
  const body = trimmed.toUpperCase().startsWith('SHA256:') ? trimmed.slice('SHA256:'.length) : trimmed;
  return `SHA256:${body.replace(/=+$/, '')}`;
}

/** What the verifier saw, so the caller can report it or explain a refusal. */
export interface HostKeyCheck {
  seen: string | null;
  mismatch: boolean;
}

/** Returns an ssh2 hostVerifier that records the fingerprint and refuses a key that differs from the known one. */
export function createHostVerifier(expected: string | null, check: HostKeyCheck): (key: Buffer) => boolean {
  const wanted = expected === null ? null : normaliseFingerprint(expected);
  return (key: Buffer) => {
    const seen = fingerprintOf(key);
    check.seen = seen;
    // Refusing here aborts key exchange, so no credential is ever sent to an impostor.
    check.mismatch = wanted !== null && wanted !== seen;
    return !check.mismatch;
  };
}
