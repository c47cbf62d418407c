/** Credentials for retrieval tests, stored through the real credential service under a temporary keyring. */
import type { Knex } from 'knex';
import { createCredential } from '../../src/credentials/credential-service.js';
import type { KeyringSource } from '../../src/credentials/keyring-source.js';
import { credentialLogins } from '../../src/retrieval/credential-logins.js';
import type { LoginSource } from '../../src/retrieval/login-source.js';
import { tempKeyring } from './keyring.js';

export interface TestCredential {
  name: string;
  username: string;
  /** A password, or else a private key (with its passphrase when encrypted). */
  password?: string;
  privateKey?: string;
  passphrase?: string;
  enableSecret?: string;
  tags: string[];
  priority?: number;
}

export interface TestLogins {
  source: LoginSource;
  keyring: KeyringSource;
  /** Stores a credential (sealed) and returns its id. */
  add(credential: TestCredential): Promise<string>;
  /** Candidate names in the order the store returned them, one list per retrieval. */
  readonly asked: string[][];
}

// A database recognises one keyring (sealing_keys): every store of a test database shares it.
const keyrings = new WeakMap<Knex, KeyringSource>();

/** The keyring of a test database: made on first use, the same for every later store on it. */
export function keyringOf(knex: Knex): KeyringSource {
  let keyring = keyrings.get(knex);
  if (keyring === undefined) keyrings.set(knex, (keyring = tempKeyring()));
  return keyring;
}

/** The real credential store on the database's keyring; candidates are recorded as they are asked for. */
export function createTestLogins(knex: Knex): TestLogins {
  const keyring = keyringOf(knex);
  const real = credentialLogins(knex, keyring);
  const asked: string[][] = [];
  const source: LoginSource = {
    ...real,
    async candidates(deviceId) {
      const list = await real.candidates(deviceId);
      asked.push(list.map((c) => c.name));
      return list;
    },
  };
  return {
    source,
    keyring,
    asked,
    async add(credential) {
      const summary = await createCredential(
        { knex, keyring },
        {
          name: credential.name,
          username: credential.username,
          secret: credential.password ?? null,
          privateKey: credential.privateKey ?? null,
          passphrase: credential.passphrase ?? null,
          enableSecret: credential.enableSecret ?? null,
          priority: credential.priority,
          tags: credential.tags,
        },
      );
      return summary.id;
    },
  };
}
