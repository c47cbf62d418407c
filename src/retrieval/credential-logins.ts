/** The LoginSource of the real credential store: tag-matched candidates, opened with the keyring, outcomes counted. */
import type { Knex } from 'knex';
import { credentialNotFound } from '../credentials/credential-queries.js';
import { mayBeKeyringFault } from '../credentials/keyring-health.js';
import { credentialsFor, openCredential, recordAttempt, type KeyringSource, type OpenedCredential, type SealedCredential } from '../credentials/index.js';
import type { DeviceLogin } from '../devices/fetch-configuration.js';
import { NetRavenError } from '../errors.js';
import type { LoginCandidate, LoginSource } from './login-source.js';

export interface CredentialLoginsOptions {
  /**
   * Asked when opening fails with a keyring-class error (KEYRING_*, KEY_NOT_FOUND,
   * CIPHERTEXT_INVALID): resolves with what is wrong with this process's keyring (opening then
   * rejects with KEYRING_UNUSABLE), or null when the credential itself is at fault (the error
   * stands). The daemon sets it; without it every error stands.
   */
  keyringFault?: (err: NetRavenError) => Promise<NetRavenError | null>;
}

const SEALED_COLUMNS = ['id', 'name', 'username', 'secret', 'enableSecret', 'privateKey', 'keyPassphrase', 'keyId'];

function isSealed(candidate: LoginCandidate): candidate is LoginCandidate & SealedCredential {
  return 'secret' in candidate && 'keyId' in candidate;
}

function toLogin(opened: OpenedCredential): DeviceLogin {
  return {
    username: opened.username,
    password: opened.password ?? undefined,
    privateKey: opened.privateKey ?? undefined,
    passphrase: opened.passphrase ?? undefined,
    enableSecret: opened.enableSecret ?? undefined,
  };
}

/**
 * Candidates are credentialsFor's rows (still sealed: only ids and names are looked at outside); a
 * candidate is opened in memory right before its login, and every authentication outcome is counted
 * with recordAttempt, which also remembers the device's last good credential.
 */
export function credentialLogins(knex: Knex, keyring: KeyringSource, options: CredentialLoginsOptions = {}): LoginSource {
  const openWith = async (row: SealedCredential): Promise<DeviceLogin> => {
    try {
      return toLogin(openCredential(row, keyring));
    } catch (err) {
      if (options.keyringFault === undefined || !mayBeKeyringFault(err)) throw err;
      const fault = await options.keyringFault(err as NetRavenError);
      if (fault === null) throw err;
      throw new NetRavenError('KEYRING_UNUSABLE', `this process's keyring cannot open credentials: ${fault.code}: ${fault.message}`, { cause: err, details: { code: fault.code } });
    }
  };
  return {
    candidates: (deviceId) => credentialsFor(knex, deviceId),
    async open(candidate) {
      if (!isSealed(candidate)) throw new NetRavenError('INTERNAL', `credential ${candidate.name} was not returned by this credential store`);
      return openWith(candidate);
    },
    async openByName(name) {
      const row = (await knex('credentials').whereRaw('lower(name) = lower(?)', [name]).first(...SEALED_COLUMNS)) as SealedCredential | undefined;
      if (row === undefined) throw credentialNotFound(name);
      return openWith(row);
    },
    record: (candidateId, deviceId, accepted) => recordAttempt(knex, candidateId, accepted, deviceId),
  };
}
