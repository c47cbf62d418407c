/** Host keys generated once per process and shared by every simulated device, so 1,000 devices start fast. */
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: only some names are visible as ESM named exports, so go through the default export.
const { utils } = ssh2;

export interface HostKey {
  privateKey: string;
  fingerprint: string;
}

let modern: HostKey | undefined;
let legacy: HostKey | undefined;
let alternate: HostKey | undefined;

// ssh2's generateKeyPairSync drops a leading zero byte of an ed25519 public key (about one key
// in 256), which parseKey then refuses as "Malformed OpenSSH public key": draw again.
function generate(type: 'ed25519' | 'rsa'): { private: string; public: string; parsed: ReturnType<typeof utils.parseKey> } {
  for (let attempt = 1; ; attempt++) {
    const pair = type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : utils.generateKeyPairSync('ed25519');
    const parsed = utils.parseKey(pair.public);
    if (!(parsed instanceof Error) || attempt === 10) return { ...pair, parsed };
  }
}

function make(type: 'ed25519' | 'rsa'): HostKey {
  const pair = generate(type);
  const parsed = pair.parsed;
  if (parsed instanceof Error) throw parsed;
  const blob = parsed.getPublicSSH();
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { privateKey: pair.private, fingerprint };
}

/** The ed25519 key every modern simulated device presents. */
export function modernHostKey(): HostKey {
  modern ??= make('ed25519');
  return modern;
}

/** The RSA key presented by legacy-only devices (ssh-rsa host key algorithm). */
export function legacyHostKey(): HostKey {
  legacy ??= make('rsa');
  return legacy;
}

/** A second ed25519 key, for devices that must present a key different from everyone else's. */
export function alternateHostKey(): HostKey {
  alternate ??= make('ed25519');
  return alternate;
}

/** Generates a client key pair for public-key login tests. */
export function generateClientKeyPair(): { privateKey: string; publicKey: string } {
  const pair = generate('ed25519');
  return { privateKey: pair.private, publicKey: pair.public };
}
