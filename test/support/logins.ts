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
  password: string;
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

/** The real credential store on a fresh keyring; candidates are recorded as they are asked for. */
export function createTestLogins(knex: Knex): TestLogins {
  const keyring = tempKeyring();
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
        { name: credential.name, username: credential.username, secret: credential.password, enableSecret: credential.enableSecret ?? null, priority: credential.priority, tags: credential.tags },
      );
      return summary.id;
    },
  };
}
