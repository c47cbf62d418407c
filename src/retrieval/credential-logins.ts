/** The LoginSource of the real credential store: tag-matched candidates, opened with the keyring, outcomes counted. */
import type { Knex } from 'knex';
import { credentialNotFound } from '../credentials/credential-queries.js';
import { credentialsFor, openCredential, recordAttempt, type KeyringSource, type OpenedCredential, type SealedCredential } from '../credentials/index.js';
import type { DeviceLogin } from '../devices/fetch-configuration.js';
import { NetRavenError } from '../errors.js';
import type { LoginCandidate, LoginSource } from './login-source.js';

function isSealed(candidate: LoginCandidate): candidate is LoginCandidate & SealedCredential {
  return 'secret' in candidate && 'keyId' in candidate;
}

function toLogin(opened: OpenedCredential): DeviceLogin {
  return { username: opened.username, password: opened.password, enableSecret: opened.enableSecret ?? undefined };
}

/**
 * Candidates are credentialsFor's rows (still sealed: only ids and names are looked at outside); a
 * candidate is opened in memory right before its login, and every authentication outcome is counted
 * with recordAttempt, which also remembers the device's last good credential.
 */
export function credentialLogins(knex: Knex, keyring: KeyringSource): LoginSource {
  return {
    candidates: (deviceId) => credentialsFor(knex, deviceId),
    async open(candidate) {
      if (!isSealed(candidate)) throw new NetRavenError('INTERNAL', `credential ${candidate.name} was not returned by this credential store`);
      return toLogin(openCredential(candidate, keyring));
    },
    async openByName(name) {
      const row = (await knex('credentials').whereRaw('lower(name) = lower(?)', [name]).first('id', 'name', 'username', 'secret', 'enableSecret', 'keyId')) as SealedCredential | undefined;
      if (row === undefined) throw credentialNotFound(name);
      return toLogin(openCredential(row, keyring));
    },
    record: (candidateId, deviceId, accepted) => recordAttempt(knex, candidateId, accepted, deviceId),
  };
}
