/**
 * Who a public key belongs to, for the login: every operator's keys parsed once with ssh2
 * (rebuilt when console.operators changes), looked up by the key blob the client presents.
 * The key decides who logs in, not the SSH user name (`ssh -p 2222 host` sends the local
 * user's name, which is nobody's business here).
 */
import { timingSafeEqual } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';
import type { OperatorRecord, OperatorRole } from '../config/operator-records.js';
import { fingerprintOf } from '../devices/host-key.js';

// ssh2 is CommonJS: utils is only reachable through the default export under ESM.
const { utils } = ssh2;

/** One key of one operator, ready to verify signatures with. */
export interface OperatorKey {
  operator: string;
  role: OperatorRole;
  type: string;
  /** `SHA256:…` of the key blob. */
  fingerprint: string;
  blob: Buffer;
  parsed: ParsedKey;
}

/** What a client sent in a publickey USERAUTH_REQUEST (ssh2's PKAuthContext fields). */
export interface PublicKeyAttempt {
  key: { algo: string; data: Buffer };
  /** Absent for the "would you accept this key?" query (RFC 4252 7). */
  signature?: Buffer;
  blob?: Buffer;
  hashAlgo?: string;
}

export type KeyCheck =
  | { result: 'unknown' }
  /** The key is an operator's; the client has not signed yet (answer PK_OK, RFC 4252 7). */
  | { result: 'known'; key: OperatorKey }
  | { result: 'bad-signature'; key: OperatorKey }
  | { result: 'verified'; key: OperatorKey };

/** The operators' keys by blob; a stored line ssh2 cannot parse (edited by hand) is skipped and reported. */
export function indexOperatorKeys(operators: OperatorRecord[], onUnreadable: (operator: string) => void = () => undefined): Map<string, OperatorKey> {
  const index = new Map<string, OperatorKey>();
  for (const operator of operators) {
    for (const { key: line } of operator.keys) {
      const parsed = utils.parseKey(line);
      if (parsed instanceof Error || Array.isArray(parsed) || parsed.isPrivateKey()) {
        onUnreadable(operator.name);
        continue;
      }
      const blob = parsed.getPublicSSH();
      index.set(blob.toString('base64'), { operator: operator.name, role: operator.role, type: parsed.type, fingerprint: fingerprintOf(blob), blob, parsed });
    }
  }
  return index;
}

/**
 * Checks a publickey attempt against the index: the blob must be an operator's key of the
 * type the client names, and a signature must verify over the session's data (ssh2's
 * `ParsedKey.verify`, with the hash the client chose for RSA: rsa-sha2-256/512, RFC 8332).
 */
export function checkPublicKey(index: Map<string, OperatorKey>, attempt: PublicKeyAttempt): KeyCheck {
  const key = index.get(attempt.key.data.toString('base64'));
  if (!key || key.type !== attempt.key.algo || key.blob.length !== attempt.key.data.length || !timingSafeEqual(key.blob, attempt.key.data)) return { result: 'unknown' };
  if (!attempt.signature) return { result: 'known', key };
  if (!attempt.blob) return { result: 'bad-signature', key };
  let ok: boolean | Error;
  try {
    ok = key.parsed.verify(attempt.blob, attempt.signature, attempt.hashAlgo);
  } catch {
    ok = false;
  }
  return ok === true ? { result: 'verified', key } : { result: 'bad-signature', key };
}
