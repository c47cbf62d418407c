import fs from 'node:fs';
import { NetRavenError } from '../errors.js';
import { quote } from './credential-input.js';
import { PRIVATE_KEY_MAX_BYTES, privateKeyNeedsPassphrase } from './private-key.js';
import { readSecrets, type SecretInput } from './secret-prompt.js';

/** What `credentials add|update --key-file` read: the key text and the secrets that go with it. */
export interface KeyLogin {
  privateKey: string;
  /** Null when the key is not encrypted. */
  passphrase: string | null;
  /** Null unless an enable secret was asked for. */
  enableSecret: string | null;
}

export interface KeyLoginOptions {
  /** A path, or `-` for the key piped on stdin. */
  file: string;
  credentialName: string;
  /** Also read an enable secret (after the passphrase). */
  enable: boolean;
  input: SecretInput;
  /** Where prompts go (stderr). */
  write: (text: string) => void;
}

// Passphrase and enable secret lines may follow a key piped on stdin.
const STDIN_MAX_BYTES = PRIVATE_KEY_MAX_BYTES + 4 * 1024;
const END_LINE = /^-----END [A-Z0-9 ]+-----[ \t]*\r?$/m;

function tooLarge(what: string, bytes: number | string): NetRavenError {
  return new NetRavenError('INPUT_INVALID', `${what} holds ${bytes} bytes: a private key is at most ${PRIVATE_KEY_MAX_BYTES} bytes; check that this is the right file`);
}

/**
 * Reads a key file: a regular file of at most PRIVATE_KEY_MAX_BYTES (checked before reading, so
 * a huge file or a device is never read). A value that looks like key text instead of a path is
 * refused without echoing it: keys are never taken from arguments.
 */
export function readKeyFile(file: string): string {
  // A path never has line breaks or PEM markers, nor is it one long base64 run (a key's body line).
  if (file.length > 4096 || /[\r\n]|PRIVATE KEY|^[A-Za-z0-9+/=]{40,}$/.test(file)) {
    throw new NetRavenError('INPUT_INVALID', '--key-file takes the path of a key file (or - for stdin), not the key itself: keys are never taken from arguments');
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NetRavenError('INPUT_INVALID', `key file ${quote(file)} is not a regular file`);
    if (stat.size > PRIVATE_KEY_MAX_BYTES) throw tooLarge(`key file ${quote(file)}`, stat.size);
    const buffer = Buffer.alloc(PRIVATE_KEY_MAX_BYTES + 1);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (read > PRIVATE_KEY_MAX_BYTES) throw tooLarge(`key file ${quote(file)}`, `more than ${PRIVATE_KEY_MAX_BYTES}`);
    return buffer.subarray(0, read).toString('utf8');
  } catch (err) {
    if (err instanceof NetRavenError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`;
    throw new NetRavenError('INPUT_INVALID', `key file ${quote(file)} ${why}: give the path of an OpenSSH or PEM private key file`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads a key piped on stdin up to its END line; the lines after it are returned (passphrase, enable secret). */
async function readPipedKey(input: SecretInput): Promise<{ key: string; rest: string[] }> {
  if (input.isTTY) {
    throw new NetRavenError('INPUT_INVALID', '--key-file - reads the key from piped stdin (`… --key-file - < KEYFILE`): pipe it, or give the path of the key file');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > STDIN_MAX_BYTES) throw tooLarge('stdin', `more than ${STDIN_MAX_BYTES}`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const end = END_LINE.exec(text);
  if (end === null) return { key: text, rest: [] };
  const cut = end.index + end[0].length;
  return { key: text.slice(0, cut), rest: text.slice(cut).replace(/^\r?\n/, '').split(/\r?\n/) };
}

/**
 * Reads a private key (from a file, or piped on stdin with `-`) and then, like every secret,
 * from a hidden prompt or the following stdin lines: its passphrase when the key is encrypted,
 * and the enable secret when asked for. The key is checked later by checkPrivateKey.
 */
export async function readKeyLogin(options: KeyLoginOptions): Promise<KeyLogin> {
  const { key, rest } = options.file === '-' ? await readPipedKey(options.input) : { key: readKeyFile(options.file), rest: undefined };
  const encrypted = privateKeyNeedsPassphrase(key);
  const prompts = [...(encrypted ? [`Passphrase of the key of ${quote(options.credentialName)}`] : []), ...(options.enable ? ['Enable secret'] : [])];
  const answers = rest ?? (prompts.length > 0 ? await readSecrets({ input: options.input, write: options.write, prompts }) : []);
  return {
    privateKey: key,
    passphrase: encrypted ? (answers[0] ?? '') : null,
    enableSecret: options.enable ? (answers[encrypted ? 1 : 0] ?? '') : null,
  };
}
