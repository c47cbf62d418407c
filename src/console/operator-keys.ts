/**
 * Operators' public keys: checked with ssh2's own parser when they are added (the parser the
 * SSH console verifies signatures with), and shown as OpenSSH shows them (`ssh-keygen -l`:
 * SHA256 of the key blob, unpadded base64).
 */
import { createPublicKey } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';
import { KEY_LINE_MAX_CHARS, OPERATOR_KEY_TYPES } from '../config/operator-records.js';
import { fingerprintOf } from '../devices/host-key.js';
import { NetRavenError } from '../errors.js';

// ssh2 is CommonJS: utils is only reachable through the default export under ESM.
const { utils } = ssh2;

/** RSA keys shorter than this are refused (NIST SP 800-131A: 2048 bits at least since 2014). */
export const RSA_MIN_BITS = 2048;

/** A public key line that passed every check. */
export interface CheckedOperatorKey {
  /** `type base64 comment` with single spaces, as stored. */
  line: string;
  type: string;
  /** `SHA256:…` of the key blob. */
  fingerprint: string;
  comment: string;
  /** The key blob (the SSH wire form), what a client presents when it logs in. */
  blob: Buffer;
  parsed: ParsedKey;
}

function invalid(why: string): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `the operator key ${why}`);
}

/** Splits `type base64 [comment]`, refusing what is not one public key line (never quoting the text: it may be a private key). */
function splitLine(text: string): { type: string; base64: string; comment: string } {
  if (text.length > KEY_LINE_MAX_CHARS) throw invalid(`is ${text.length} characters long: a public key line is at most ${KEY_LINE_MAX_CHARS}; check that this is the .pub file`);
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) throw invalid('is a PRIVATE key: give the public one (the .pub file next to it); the private key never leaves the operator');
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw invalid('is empty: give an OpenSSH public key line such as the content of ~/.ssh/id_ed25519.pub');
  if (lines.length > 1) throw invalid(`holds ${lines.length} lines: give one key per --key (repeat --key for several)`);
  const line = lines[0]!;
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(line)) throw invalid('contains control characters: give the text of a .pub file');
  const [type = '', base64 = '', ...comment] = line.split(/[ \t]+/);
  if (!(OPERATOR_KEY_TYPES as readonly string[]).includes(type)) {
    if (/^[a-z-]+=|^(?:command|from|environment|restrict|no-)/.test(type)) throw invalid('starts with authorized_keys options: give the key line alone (type, key, comment)');
    throw invalid(`is not of a type the SSH console accepts (${OPERATOR_KEY_TYPES.join(', ')}); ed25519 is recommended: ssh-keygen -t ed25519`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid(`of type ${type} has no base64 key after its type`);
  return { type, base64, comment: comment.join(' ') };
}

/**
 * Checks one OpenSSH public key line (the content of a .pub file; blank and # lines around it
 * are ignored): a type the console accepts, a blob ssh2 parses whose type matches, RSA of at
 * least 2048 bits. Throws INPUT_INVALID saying what is wrong, never quoting the text.
 */
export function checkOperatorKey(text: string): CheckedOperatorKey {
  const { type, base64, comment } = splitLine(text);
  const parsed = utils.parseKey(`${type} ${base64}`);
  if (parsed instanceof Error || Array.isArray(parsed)) throw invalid(`is not a valid ${type} public key (${parsed instanceof Error ? parsed.message : 'several keys'})`);
  if (parsed.isPrivateKey()) throw invalid('is a PRIVATE key: give the public one (the .pub file)');
  if (parsed.type !== type) throw invalid(`says ${type} but holds a ${parsed.type} key`);
  if (type === 'ssh-rsa') {
    const bits = createPublicKey(parsed.getPublicPEM()).asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < RSA_MIN_BITS) throw invalid(`is an RSA key of ${bits} bits: at least ${RSA_MIN_BITS} are required (better: ssh-keygen -t ed25519)`);
  }
  const blob = parsed.getPublicSSH();
  return { line: [type, base64, comment].filter(Boolean).join(' '), type, fingerprint: fingerprintOf(blob), comment, blob, parsed };
}

/** The type and fingerprint of a stored key line, for listings; null for a line ssh2 cannot parse (stored by hand). */
export function describeKeyLine(line: string): { type: string; fingerprint: string; comment: string } | null {
  try {
    const key = checkOperatorKey(line);
    return { type: key.type, fingerprint: key.fingerprint, comment: key.comment };
  } catch {
    return null;
  }
}
