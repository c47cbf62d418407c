import { createHash, randomBytes } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';
import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';

// ssh2 is CommonJS: utils is only reachable through the default export under ESM.
const { utils } = ssh2;

/** Largest private key accepted: an RSA 16384-bit key in OpenSSH format is about 12.5 KB. */
export const PRIVATE_KEY_MAX_BYTES = 16 * 1024;
const PASSPHRASE_MAX_BYTES = 1024;

/** A private key as it is stored: checked by the SSH library that will use it. */
export interface CheckedPrivateKey {
  /** The key text: line ends made \n, surrounding blank space removed, one final newline. */
  text: string;
  /** The passphrase, when the key needs one; null otherwise (an unneeded one is not kept). */
  passphrase: string | null;
  /** "<type> SHA256:<base64>" of the public half, as `ssh-keygen -l` shows it: public, safe to print. */
  fingerprint: string;
}

const PUBLIC_KEY_LINE = /^(ssh-|ecdsa-|sk-)[a-z0-9@.-]+ +AAAA/;
const PUBLIC_KEY_BLOCK = /^-----BEGIN (SSH2 |RSA )?PUBLIC KEY-----/;
const PKCS8_BLOCK = /^-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/;
const NOT_TEXT = /[^\x20-\x7e\t\n]/;

function invalid(credentialName: string, why: string): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `the private key of credential ${quote(credentialName)} ${why}`);
}

/** The key text as stored; refuses what cannot be a key file before the SSH library sees it. */
function normalise(text: unknown, credentialName: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw invalid(credentialName, 'is empty: give a file holding an OpenSSH or PEM private key');
  if (Buffer.byteLength(text, 'utf8') > PRIVATE_KEY_MAX_BYTES) {
    throw invalid(credentialName, `is larger than ${PRIVATE_KEY_MAX_BYTES} bytes: a private key file is a few kilobytes; check that this is the right file`);
  }
  const normalised = `${text.replace(/\r\n?/g, '\n').trim()}\n`;
  if (NOT_TEXT.test(normalised)) throw invalid(credentialName, 'is not text (a binary file?): give an OpenSSH or PEM private key file');
  if (PUBLIC_KEY_LINE.test(normalised) || PUBLIC_KEY_BLOCK.test(normalised)) {
    throw invalid(credentialName, 'is a public key: give the private key file (the one without .pub); the device holds the public key');
  }
  if (PKCS8_BLOCK.test(normalised)) {
    throw invalid(credentialName, 'is in PKCS#8 format ("BEGIN PRIVATE KEY"), which the SSH library cannot read: convert it to OpenSSH format (`ssh-keygen -p -f FILE` rewrites it)');
  }
  return normalised;
}

/** What ssh2's parse error means for the operator; its own words are fixed texts without key material. */
function parseError(err: Error, credentialName: string): NetRavenError {
  const message = err.message;
  if (/no passphrase given/i.test(message)) return invalid(credentialName, 'is encrypted: give its passphrase');
  if (/bad passphrase/i.test(message)) return invalid(credentialName, 'does not open with the passphrase given: check the passphrase');
  const type = /Unsupported OpenSSH private key type: (\S+)/.exec(message)?.[1];
  if (type !== undefined) return invalid(credentialName, `is of type ${quote(type, 40)}, which the SSH library does not support: use an ed25519, ECDSA or RSA key`);
  if (/Unsupported key format/i.test(message)) return invalid(credentialName, 'is not an OpenSSH or PEM private key');
  return invalid(credentialName, `cannot be read (${quote(message, 80)}): check that the file is complete`);
}

function parse(text: string, passphrase: string | undefined, credentialName: string): ParsedKey {
  const parsed = utils.parseKey(text, passphrase) as ParsedKey | ParsedKey[] | Error;
  if (parsed instanceof Error) throw parseError(parsed, credentialName);
  if (Array.isArray(parsed)) throw invalid(credentialName, `holds ${parsed.length} keys: give a file with exactly one`);
  if (!parsed.isPrivateKey()) throw invalid(credentialName, 'is a public key: give the private key file (the one without .pub)');
  return parsed;
}

function fingerprintOf(key: ParsedKey): string {
  const hash = createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return `${key.type} SHA256:${hash}`;
}

/** True when the key cannot be read without a passphrase. */
export function privateKeyNeedsPassphrase(text: string): boolean {
  const parsed = utils.parseKey(text) as ParsedKey | ParsedKey[] | Error;
  return parsed instanceof Error && /no passphrase given/i.test(parsed.message);
}

/**
 * Checks a private key (OpenSSH or PEM, optionally encrypted) with ssh2's own parser, the one
 * the login will use, and proves it can sign. INPUT_INVALID, never quoting the key, for: empty,
 * larger than PRIVATE_KEY_MAX_BYTES, not text, a public key, PKCS#8, a wrong or missing
 * passphrase, an unsupported key type, several keys, a key that cannot sign.
 */
export function checkPrivateKey(text: unknown, passphrase: string | null, credentialName: string): CheckedPrivateKey {
  const normalised = normalise(text, credentialName);
  if (passphrase !== null && (/[\r\n\0]/.test(passphrase) || Buffer.byteLength(passphrase, 'utf8') > PASSPHRASE_MAX_BYTES)) {
    throw invalid(credentialName, `has a passphrase with a line break or NUL character, or longer than ${PASSPHRASE_MAX_BYTES} bytes`);
  }
  const encrypted = privateKeyNeedsPassphrase(normalised);
  if (encrypted && !passphrase) throw invalid(credentialName, 'is encrypted: give its passphrase');
  const key = parse(normalised, encrypted ? passphrase! : undefined, credentialName);
  const probe = randomBytes(32);
  let signs = false;
  try {
    signs = key.verify(probe, key.sign(probe)) === true;
  } catch {
    signs = false;
  }
  if (!signs) throw invalid(credentialName, 'cannot sign (damaged?): give a working key');
  return { text: normalised, passphrase: encrypted ? passphrase : null, fingerprint: fingerprintOf(key) };
}
