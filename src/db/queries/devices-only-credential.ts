import type { Knex } from 'knex';

/** Devices for which one credential is the only candidate: removing it leaves them none. */
export interface OnlyCredentialDevices {
  /** How many devices. */
  count: number;
  /** The first of them by hostname (at most the limit asked for). */
  hostnames: string[];
}

// A device's candidates are the credentials sharing a tag with it (credential-selection.ts).
// The devices reached through the credential's tags whose tags reach no other credential.
const ONLY_CREDENTIAL = `
  WITH reached AS (
    SELECT DISTINCT dt.device_id FROM credential_tags ct JOIN device_tags dt ON dt.tag_id = ct.tag_id
    WHERE ct.credential_id = ?::uuid
  ), alone AS (
    SELECT r.device_id FROM reached r
    WHERE NOT EXISTS (
      SELECT 1 FROM device_tags dt JOIN credential_tags ct ON ct.tag_id = dt.tag_id
      WHERE dt.device_id = r.device_id AND ct.credential_id <> ?::uuid)
  )
  SELECT (SELECT count(*)::int FROM alone) AS count,
         coalesce((SELECT array_agg(hostname ORDER BY lower(hostname)) FROM (
           SELECT d.hostname FROM alone a JOIN devices d ON d.id = a.device_id ORDER BY lower(d.hostname) LIMIT ?) first), '{}') AS hostnames`;

/** The devices that would be left without any credential if this one went (count, and the first `limit` hostnames). */
export async function devicesOnlyCredential(trx: Knex.Transaction, credentialId: string, limit: number): Promise<OnlyCredentialDevices> {
  const { rows } = await trx.raw<{ rows: Array<{ count: number; hostnames: string[] }> }>(ONLY_CREDENTIAL, [credentialId, credentialId, limit]);
  return { count: rows[0]?.count ?? 0, hostnames: rows[0]?.hostnames ?? [] };
}
