import type { Knex } from 'knex';

/** One device as its screen shows it: identity, tags, host keys, the last retrieval and its error in full. */
export interface DeviceDetail {
  id: string;
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  enabled: boolean;
  description: string | null;
  vendor: string | null;
  model: string | null;
  osVersion: string | null;
  serial: string | null;
  tags: string[];
  hostKeyFingerprint: string | null;
  /** The key presented at the last HOST_KEY_MISMATCH, until accepted or a retrieval succeeds. */
  presentedHostKeyFingerprint: string | null;
  lastRetrievalAt: Date | null;
  lastRetrievalStatus: 'changed' | 'unchanged' | 'failed' | null;
  lastRetrievalErrorCode: string | null;
  lastRetrievalError: string | null;
  /** Name of the credential that last logged in, even if it no longer applies (tags changed). */
  lastGoodCredential: string | null;
  versions: number;
}

/** The device with this id, or null. */
export async function deviceDetail(db: Knex | Knex.Transaction, deviceId: string): Promise<DeviceDetail | null> {
  const row = (await db('devices as d')
    .leftJoin('credentials as c', 'c.id', 'd.last_good_credential_id')
    .where('d.id', deviceId)
    .first(
      'd.id', 'd.hostname', db.raw('host(d.ip_address) AS ip_address'), 'd.port', 'd.device_type', 'd.enabled', 'd.description', 'd.vendor', 'd.model', 'd.os_version', 'd.serial',
      'd.host_key_fingerprint', 'd.presented_host_key_fingerprint', 'd.last_retrieval_at', 'd.last_retrieval_status', 'd.last_retrieval_error_code', 'd.last_retrieval_error',
      'c.name as last_good_credential',
      db.raw("(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM device_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.device_id = d.id) AS tags"),
      db.raw('(SELECT count(*)::int FROM device_configurations v WHERE v.device_id = d.id) AS versions'),
    )) as DeviceDetail | undefined;
  return row ?? null;
}
