/** Private keys in every form an operator might hand NetRaven, made fresh for each test run. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: utils is only reachable through the default export under ESM.
const { utils } = ssh2;

export interface TestKeyPair {
  privateKey: string;
  /** OpenSSH public key line, as a device's authorized keys hold it. */
  publicKey: string;
}

function sshString(data: string | Buffer): Buffer {
  const bytes = Buffer.from(data);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function uint32(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n);
  return bytes;
}

// ssh2's generateKeyPairSync drops a leading zero byte of an ed25519 public key (about one key
// in 256), which parseKey then refuses: draw again.
function openSsh(type: 'ed25519' | 'ecdsa' | 'rsa', options: { passphrase?: string } = {}): TestKeyPair {
  for (let attempt = 1; ; attempt++) {
    const extra = (options.passphrase === undefined ? {} : { passphrase: options.passphrase, cipher: 'aes256-ctr', rounds: 4 }) as { passphrase: string; cipher: string; rounds: number };
    const pair =
      type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048, ...extra })
      : type === 'ecdsa' ? utils.generateKeyPairSync('ecdsa', { bits: 256, ...extra })
      : utils.generateKeyPairSync('ed25519', extra);
    if (!(utils.parseKey(pair.public) instanceof Error) || attempt === 10) return { privateKey: pair.private, publicKey: pair.public };
  }
}

/** An unencrypted ed25519 key in OpenSSH format. */
export const ed25519Key = (): TestKeyPair => openSsh('ed25519');
/** An ECDSA P-256 key in OpenSSH format. */
export const ecdsaKey = (): TestKeyPair => openSsh('ecdsa');
/** An ed25519 key in OpenSSH format, encrypted with the passphrase (bcrypt KDF, few rounds for speed). */
export const encryptedKey = (passphrase: string): TestKeyPair => openSsh('ed25519', { passphrase });

/** An RSA key in traditional PEM ("BEGIN RSA PRIVATE KEY"), encrypted when a passphrase is given. */
export function rsaPemKey(passphrase?: string): TestKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem', ...(passphrase === undefined ? {} : { cipher: 'aes-128-cbc', passphrase }) }).toString();
  const parsed = utils.parseKey(pem, passphrase);
  if (parsed instanceof Error) throw parsed;
  return { privateKey: pem, publicKey: `${parsed.type} ${parsed.getPublicSSH().toString('base64')}` };
}

/** A PKCS#8 key ("BEGIN PRIVATE KEY"), which ssh2 cannot read. */
export function pkcs8Key(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A well-formed OpenSSH private key file of a key type no SSH library knows. */
export function unknownTypeKey(): string {
  const type = 'ssh-imaginary@example.com';
  const pub = Buffer.concat([sshString(type), sshString(Buffer.alloc(32, 1))]);
  const check = uint32(0x1234_5678);
  const priv = Buffer.concat([check, check, sshString(type), sshString(Buffer.alloc(32, 1)), sshString(Buffer.alloc(64, 2)), sshString('test'), Buffer.from([1, 2, 3])]);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), uint32(1), sshString(pub), sshString(priv)]);
  const lines = blob.toString('base64').match(/.{1,70}/g)!.join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** The base64 body lines of a key (what would show up if the key leaked in any form). */
export function keyBodyLines(privateKey: string): string[] {
  return privateKey.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
}

/** "<type> SHA256:<base64>" of an OpenSSH public key line, as `ssh-keygen -lf` computes it. */
export function fingerprintOf(publicKey: string): string {
  const [type, body] = publicKey.trim().split(/\s+/);
  return `${type} SHA256:${createHash('sha256').update(Buffer.from(body!, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
