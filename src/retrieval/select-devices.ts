/** Which devices a sweep retrieves: one or more by hostname, every enabled device with a tag, or all enabled. */
import type { Knex } from 'knex';
import { whereDeviceFilter, type DeviceFilter } from '../db/queries/device-filter.js';
import type { StaleRule } from '../db/queries/device-state.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { NetRavenError } from '../errors.js';
import { DEVICE_TARGET_COLUMNS, type DeviceTarget } from './device-target.js';

/**
 * `filter`: the enabled devices a console filter shows (device-filter.ts), with the stale rule
 * as it was when the operator asked, so the sweep retrieves what the confirmation counted;
 * `text` is the filter as typed, for descriptions.
 */
export type SweepTarget =
  | { kind: 'all' }
  | { kind: 'tag'; tag: string }
  | { kind: 'hostnames'; hostnames: string[] }
  | { kind: 'filter'; filter: DeviceFilter; rule: StaleRule; text: string };

/** A short human description of a target, for job rows and logs. */
export function describeTarget(target: SweepTarget): string {
  if (target.kind === 'all') return 'all enabled devices';
  if (target.kind === 'tag') return `enabled devices tagged ${target.tag}`;
  if (target.kind === 'filter') return `enabled devices matching ${JSON.stringify(target.text)}`;
  return target.hostnames.join(', ');
}

/**
 * The devices of a target, ordered by hostname. Named devices are retrieved even when disabled (the
 * operator asked for them); tag, filter and all sweeps skip disabled devices. NOT_FOUND names what matched nothing.
 */
export async function selectDevices(knex: Knex, target: SweepTarget): Promise<DeviceTarget[]> {
  return inReadOnlyTransaction(knex, async (trx) => {
    const query = trx('devices').select(DEVICE_TARGET_COLUMNS.map((column) => `devices.${column}`)).orderBy('devices.hostname');
    if (target.kind === 'hostnames') {
      const wanted = [...new Set(target.hostnames.map((name) => name.toLowerCase()))];
      const rows = (await query.whereRaw('lower(devices.hostname) = ANY(?)', [wanted])) as DeviceTarget[];
      const found = new Set(rows.map((row) => row.hostname.toLowerCase()));
      const missing = target.hostnames.filter((name) => !found.has(name.toLowerCase()));
      if (missing.length > 0) {
        throw new NetRavenError('NOT_FOUND', `no device named ${missing.map((name) => JSON.stringify(name)).join(', ')}: see \`netraven devices list\``, { details: { missing } });
      }
      return rows;
    }
    query.where('devices.enabled', true);
    if (target.kind === 'filter') whereDeviceFilter(query, target.filter, target.rule, 'devices');
    if (target.kind === 'tag') {
      query.whereExists((sub) =>
        sub.select(trx.raw('1')).from('device_tags').join('tags', 'tags.id', 'device_tags.tag_id').whereRaw('device_tags.device_id = devices.id').whereRaw('lower(tags.name) = lower(?)', [target.tag]),
      );
    }
    const rows = (await query) as DeviceTarget[];
    if (rows.length === 0) {
      const hint =
        target.kind === 'tag' ? `no enabled device is tagged ${JSON.stringify(target.tag)}` : target.kind === 'filter' ? `no enabled device matches ${JSON.stringify(target.text)}` : 'there are no enabled devices';
      throw new NetRavenError('NOT_FOUND', `${hint}: add devices with \`netraven devices add\` or \`netraven devices import FILE.csv\``, { details: { target } });
    }
    return rows;
  });
}
