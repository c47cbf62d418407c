import { allowInsecureKeyring, keyringFile } from '../config/paths.js';
import { NetRavenError } from '../errors.js';
import { assertReplaceable, writeFileAtomic } from './atomic-file.js';
import { quote } from './credential-input.js';
import { readKeyringFile, serialiseKeyring, type ReadOptions } from './keyring-file.js';
import { activeKey, findKey, type KeyEntry, type Keyring } from './keyring.js';

/**
 * The keyring file of one process. Readers keep the last copy and reload only when a
 * sealed value names a key they do not know (a rotation happened meanwhile); writers and
 * rotation always read it fresh.
 */
export class KeyringSource {
  private cached: Keyring | undefined;
  private warned = false;

  constructor(
    readonly file: string,
    private readonly options: ReadOptions = {},
  ) {}

  /** Reads the file now (and remembers it); permission warnings are given once. */
  load(): Keyring {
    const warn = this.warned ? undefined : (message: string) => {
      this.warned = true;
      this.options.warn?.(message);
    };
    this.cached = readKeyringFile(this.file, { allowInsecure: this.options.allowInsecure, warn });
    return this.cached;
  }

  /** The last keyring read, reading it the first time. */
  current(): Keyring {
    return this.cached ?? this.load();
  }

  /** The key with this id, re-reading the file once if this process has not seen it yet. */
  key(id: string, credentialName?: string): KeyEntry {
    const key = findKey(this.current(), id) ?? findKey(this.load(), id);
    if (key) return key;
    const whose = credentialName === undefined ? 'a stored value' : `credential ${quote(credentialName, 100)}`;
    throw new NetRavenError('KEY_NOT_FOUND', `${whose} is sealed with key ${id}, which is not in keyring ${this.file}: restore the keyring backup that holds it, or re-enter the secret`, {
      details: { keyId: id, file: this.file },
    });
  }

  /** The key new values are sealed with, read fresh from the file. */
  activeKey(): KeyEntry {
    return activeKey(this.load());
  }

  /** Checks before a rotation that the file can be replaced at all. */
  assertWritable(): void {
    assertReplaceable(this.file);
  }

  /** Replaces the file atomically and remembers the new content. */
  save(keyring: Keyring): void {
    activeKey(keyring);
    writeFileAtomic(this.file, serialiseKeyring(keyring));
    this.cached = keyring;
  }
}

/**
 * The keyring named by NETRAVEN_KEY_FILE (or the default in NETRAVEN_HOME); a loose one is
 * accepted only when options or NETRAVEN_KEYRING_ALLOW_INSECURE allow it.
 */
export function keyringFromEnvironment(options: ReadOptions = {}, env: NodeJS.ProcessEnv = process.env): KeyringSource {
  return new KeyringSource(keyringFile(env), { ...options, allowInsecure: options.allowInsecure ?? allowInsecureKeyring(env) });
}

let processKeyring: KeyringSource | undefined;

/** The process-wide keyring the login path uses when none is passed. */
export function defaultKeyring(): KeyringSource {
  processKeyring ??= keyringFromEnvironment({ warn: (message) => process.emitWarning(message, { code: 'NETRAVEN_KEYRING' }) });
  return processKeyring;
}
