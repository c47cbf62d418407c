/** The device inventory: add, list, remove, look up, and reset a device's trusted host key. */
import type { Knex } from 'knex';
import { raw } from 'objection';
import { Device } from '../../db/models/device.model.js';
import { keysetPage, type Page } from '../../db/queries/keyset-page.js';
import { replaceDeviceTags } from '../../db/queries/replace-device-tags.js';
import { inReadOnlyTransaction, inTransaction } from '../../db/transactions.js';
import { normaliseFingerprint } from '../../devices/host-key.js';
import { NetRavenError } from '../../errors.js';
import { parseSshOptions } from '../device-target.js';
import { shown, type DeviceInput } from './device-input.js';

export interface DeviceSummary {
  id: string;
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  enabled: boolean;
  tags: string[];
  vendor: string | null;
  model: string | null;
  osVersion: string | null;
  serial: string | null;
  lastRetrievalAt: Date | null;
  lastRetrievalStatus: string | null;
  lastRetrievalErrorCode: string | null;
  hostKeyFingerprint: string | null;
}

const SUMMARY_COLUMNS = ['id', 'hostname', 'ipAddress', 'port', 'deviceType', 'enabled', 'vendor', 'model', 'osVersion', 'serial', 'lastRetrievalAt', 'lastRetrievalStatus', 'lastRetrievalErrorCode', 'hostKeyFingerprint'];
const TAGS = raw("(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM device_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.device_id = devices.id) AS tags");

function notFound(hostname: string): NetRavenError {
  return new NetRavenError('NOT_FOUND', `no device named ${JSON.stringify(hostname)}: see \`netraven devices list\``, { details: { hostname } });
}

/** One device by hostname (ignoring case): id and spelling; NOT_FOUND otherwise. */
export async function findDevice(knex: Knex | Knex.Transaction, hostname: string): Promise<{ id: string; hostname: string }> {
  const row = (await knex('devices').whereRaw('lower(hostname) = lower(?)', [hostname]).first('id', 'hostname')) as { id: string; hostname: string } | undefined;
  if (row === undefined) throw notFound(hostname);
  return row;
}

/** Adds one device with its tags; ALREADY_EXISTS when the hostname is taken (ignoring case). */
export async function addDevice(knex: Knex, device: DeviceInput, sshOptions: unknown = {}): Promise<DeviceSummary> {
  const options = parseSshOptions(device.hostname, sshOptions);
  return inTransaction(knex, async (trx) => {
    const taken = await trx('devices').whereRaw('lower(hostname) = lower(?)', [device.hostname]).first('hostname');
    if (taken !== undefined) {
      throw new NetRavenError('ALREADY_EXISTS', `a device named ${JSON.stringify((taken as { hostname: string }).hostname)} already exists (hostnames ignore case); re-import a CSV to update devices`, {
        details: { hostname: device.hostname },
      });
    }
    const [row] = await trx('devices')
      .insert({ hostname: device.hostname, ipAddress: device.ipAddress, port: device.port, deviceType: device.deviceType, sshOptions: options })
      .returning('id');
    await replaceDeviceTags(trx, new Map([[(row as { id: string }).id, device.tags]]));
    return summaryOf(trx, device.hostname);
  });
}

async function summaryOf(trx: Knex.Transaction, hostname: string): Promise<DeviceSummary> {
  const row = await Device.query(trx).select(...SUMMARY_COLUMNS, TAGS).whereRaw('lower(hostname) = lower(?)', [hostname]).first();
  if (row === undefined) throw notFound(hostname);
  return row as unknown as DeviceSummary;
}

/** One page of devices ordered by hostname, optionally only those with a tag. */
export async function listDevices(knex: Knex, options: { limit: number; after?: string; tag?: string }): Promise<Page<DeviceSummary>> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const query = Device.query(trx).select(...SUMMARY_COLUMNS, TAGS);
    if (options.tag !== undefined) {
      query.whereExists(
        Device.relatedQuery('tags', trx).whereRaw('lower(tags.name) = lower(?)', [options.tag]),
      );
    }
    const page = await keysetPage(query, 'hostname', options, (row) => row.hostname);
    return { items: page.items as unknown as DeviceSummary[], next: page.next };
  });
}

/**
 * Removes a device with its stored versions, jobs and logs. A device with stored versions is kept
 * unless `force`: its history would be lost. Returns how many versions went with it.
 */
export async function removeDevice(knex: Knex, hostname: string, options: { force: boolean }): Promise<{ hostname: string; versions: number }> {
  return inTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const counted = (await trx('device_configurations').where({ deviceId: device.id }).count('* as count')) as Array<{ count: string }>;
    const versions = Number(counted[0]?.count ?? 0);
    if (versions > 0 && !options.force) {
      throw new NetRavenError('INPUT_INVALID', `${device.hostname} has ${versions} stored configuration versions that would be deleted with it; add --yes to remove it anyway`, {
        details: { hostname: device.hostname, versions },
      });
    }
    await trx('devices').where({ id: device.id }).delete();
    return { hostname: device.hostname, versions };
  });
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/**
 * Resets the host key NetRaven trusts for a device. Without a fingerprint the stored one is cleared
 * and the next retrieval trusts the key it sees (first use again); with one (verified out of band,
 * e.g. `ssh-keygen -lf`), that fingerprint is pinned.
 */
export async function acceptHostKey(knex: Knex, hostname: string, fingerprint?: string): Promise<{ hostname: string; previous: string | null; pinned: string | null }> {
  const pinned = fingerprint === undefined ? null : normaliseFingerprint(fingerprint);
  if (pinned !== null && !FINGERPRINT.test(pinned)) {
    throw new NetRavenError('INPUT_INVALID', `${shown(fingerprint ?? '')} is not a SHA256 host key fingerprint such as SHA256:${'A'.repeat(43)} (ssh-keygen -lf prints it)`);
  }
  return inTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const before = (await trx('devices').where({ id: device.id }).forUpdate().first('hostKeyFingerprint')) as { hostKeyFingerprint: string | null };
    await trx('devices').where({ id: device.id }).update({ hostKeyFingerprint: pinned, presentedHostKeyFingerprint: null });
    return { hostname: device.hostname, previous: before.hostKeyFingerprint, pinned };
  });
}

/**
 * Forgets the device's last good credential, so the next retrieval is a first contact for
 * credentials again (retrieval.credential_fallback = first-contact-only offers every one once);
 * returns the name of the credential it had, or null.
 */
export async function forgetDeviceCredential(knex: Knex, hostname: string): Promise<{ hostname: string; previous: string | null }> {
  return inTransaction(knex, async (trx) => {
    const device = await findDevice(trx, hostname);
    const before = (await trx('devices as d').leftJoin('credentials as c', 'c.id', 'd.lastGoodCredentialId').where('d.id', device.id).forUpdate('d').first('c.name')) as { name: string | null };
    await trx('devices').where({ id: device.id }).update({ lastGoodCredentialId: null });
    return { hostname: device.hostname, previous: before.name };
  });
}
