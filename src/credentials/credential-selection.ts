import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement } from '../db/prepared.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import type { SealedCredential } from './credential-opening.js';

/** A credential as the login path receives it: still sealed, with what ordered it. */
export interface CandidateCredential extends SealedCredential {
  priority: number;
  successCount: number;
  failureCount: number;
  /** How it logs in: a password or an SSH private key. */
  method: 'password' | 'key';
  /** True for the device's last good credential (always the first candidate then). */
  lastGood: boolean;
}

// Order: the device's last good credential, then priority (lower first), then success
// ratio. The ratio is smoothed ((s+1)/(s+f+2)) so an untried credential ranks at 0.5,
// between mostly failing and mostly working ones, and one lucky try does not beat a long record.
const APPLYING_IN_ORDER = `
    FROM devices d
    JOIN credentials c ON EXISTS (
      SELECT 1 FROM credential_tags ct JOIN device_tags dt ON dt.tag_id = ct.tag_id
      WHERE ct.credential_id = c.id AND dt.device_id = d.id)
    WHERE d.id = $1
    ORDER BY (c.id IS NOT DISTINCT FROM d.last_good_credential_id) DESC, c.priority,
      (c.success_count + 1)::float8 / (c.success_count + c.failure_count + 2) DESC, lower(c.name), c.id`;

const CANDIDATES: PreparedStatement = {
  name: 'netraven_credentials_for_device',
  text: `
    SELECT c.id, c.name, c.username, c.secret, c.enable_secret AS "enableSecret",
           c.private_key AS "privateKey", c.key_passphrase AS "keyPassphrase", c.key_id AS "keyId",
           c.priority, c.success_count AS "successCount", c.failure_count AS "failureCount",
           CASE WHEN c.private_key IS NULL THEN 'password' ELSE 'key' END AS method,
           c.id IS NOT DISTINCT FROM d.last_good_credential_id AS "lastGood"
    ${APPLYING_IN_ORDER}`,
};

// The same credentials in the same order, without a sealed column (a read-only login may run it).
const NAMES: PreparedStatement = {
  name: 'netraven_credential_names_for_device',
  text: `
    SELECT c.name, c.username, CASE WHEN c.key_fingerprint IS NULL THEN 'password' ELSE 'key' END AS method,
           c.id IS NOT DISTINCT FROM d.last_good_credential_id AS "lastGood"
    ${APPLYING_IN_ORDER}`,
};

/** A credential that applies to a device, as a screen may show it: no secret, no key material. */
export interface ApplyingCredential {
  name: string;
  username: string;
  method: 'password' | 'key';
  /** The one that logged in last time (tried first next time). */
  lastGood: boolean;
}

/** The credentials sharing a tag with the device, in the order a retrieval tries them; names only. */
export async function credentialNamesFor(knex: Knex | Knex.Transaction, deviceId: string): Promise<ApplyingCredential[]> {
  return runPrepared<ApplyingCredential>(knex, NAMES, [deviceId]);
}

const DEVICE_EXISTS: PreparedStatement = { name: 'netraven_device_exists', text: 'SELECT 1 AS found FROM devices WHERE id = $1' };

// One statement, no explicit transaction: every device's login success updates the same credential
// row, so its row lock must be held for one statement only (not across round trips), or concurrent
// retrievals queue on it holding pooled connections. A failure does not clear the device's last good
// credential: with retrieval.credential_fallback = first-contact-only, a device that refused it once
// would otherwise count as a first contact next time and be offered every other credential.
const RECORD_ATTEMPT: PreparedStatement = {
  name: 'netraven_credential_attempt',
  text: `
    WITH counted AS (
      UPDATE credentials SET
        success_count = success_count + CASE WHEN $2 THEN 1 ELSE 0 END,
        failure_count = failure_count + CASE WHEN $2 THEN 0 ELSE 1 END,
        last_used_at = now(),
        last_success_at = CASE WHEN $2 THEN now() ELSE last_success_at END
      WHERE id = $1 RETURNING id
    ), remembered AS (
      UPDATE devices SET last_good_credential_id = $1::uuid
      WHERE id = $3::uuid AND $2 AND EXISTS (SELECT 1 FROM counted)
    )
    SELECT count(*)::int AS found FROM counted`,
};

/** The credentials sharing a tag with the device, in the order the login should try them. */
export async function credentialsFor(knex: Knex, device: string | { id: string }): Promise<CandidateCredential[]> {
  const deviceId = typeof device === 'string' ? device : device.id;
  return inReadOnlyTransaction(knex, async (trx) => {
    const rows = await runPrepared<CandidateCredential>(trx, CANDIDATES, [deviceId]);
    if (rows.length === 0 && (await runPrepared(trx, DEVICE_EXISTS, [deviceId])).length === 0) {
      throw new NetRavenError('NOT_FOUND', `no device with id ${deviceId}`, { details: { deviceId } });
    }
    return rows;
  });
}

/**
 * Counts one login attempt (call it for authentication outcomes, not for unreachable
 * devices): bumps the counters and last-used time; a success becomes the device's last good
 * credential (a failure leaves it: see RECORD_ATTEMPT).
 */
export async function recordAttempt(knex: Knex, credentialId: string, success: boolean, deviceId?: string | null): Promise<void> {
  const [row] = await runPrepared<{ found: number }>(knex, RECORD_ATTEMPT, [credentialId, success, deviceId ?? null]);
  if (row?.found !== 1) {
    throw new NetRavenError('CREDENTIAL_NOT_FOUND', `no credential with id ${credentialId} (deleted meanwhile?)`, { details: { credentialId } });
  }
}
