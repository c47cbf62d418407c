/** Accepting the host key a device presented instead of its trusted one (the console's H). */
import type { Knex } from 'knex';
import { inTransaction } from '../../db/transactions.js';
import { NetRavenError } from '../../errors.js';

/** What the operator was shown and agreed to: the trusted key and the one the device presented. */
export interface HostKeyChange {
  /** The fingerprint trusted until now (null: none was stored). */
  trusted: string | null;
  /** The fingerprint the device presented at its last HOST_KEY_MISMATCH. */
  presented: string;
}

/**
 * Makes the key the device presented at its last HOST_KEY_MISMATCH the trusted one, only if
 * both fingerprints are still what the operator confirmed: a retrieval that noted another key
 * meanwhile, or someone else's change, refuses with HOST_KEY_CHANGED_MEANWHILE (nothing
 * changed; look again). NOT_FOUND for a removed device; INPUT_INVALID when no presented key is
 * noted. Returns the device's hostname.
 */
export async function acceptPresentedHostKey(knex: Knex, deviceId: string, change: HostKeyChange): Promise<{ hostname: string }> {
  return inTransaction(knex, async (trx) => {
    const row = (await trx('devices').where({ id: deviceId }).forUpdate().first('hostname', 'hostKeyFingerprint', 'presentedHostKeyFingerprint')) as
      | { hostname: string; hostKeyFingerprint: string | null; presentedHostKeyFingerprint: string | null }
      | undefined;
    if (row === undefined) throw new NetRavenError('NOT_FOUND', `device ${deviceId} no longer exists`, { details: { deviceId } });
    if (row.presentedHostKeyFingerprint === null) {
      throw new NetRavenError('INPUT_INVALID', `${row.hostname} presented no other host key: there is nothing to accept (its last retrieval did not fail with HOST_KEY_MISMATCH, or the key was accepted already)`, {
        details: { hostname: row.hostname },
      });
    }
    if (row.presentedHostKeyFingerprint !== change.presented || row.hostKeyFingerprint !== change.trusted) {
      throw new NetRavenError(
        'HOST_KEY_CHANGED_MEANWHILE',
        `${row.hostname}: the host keys changed since they were shown (trusted ${row.hostKeyFingerprint ?? 'none'}, presented ${row.presentedHostKeyFingerprint}); nothing was accepted: look at them again`,
        { details: { hostname: row.hostname } },
      );
    }
    await trx('devices').where({ id: deviceId }).update({ hostKeyFingerprint: change.presented, presentedHostKeyFingerprint: null });
    return { hostname: row.hostname };
  });
}
