/**
 * The console's device list: every device a filter selects, in one of three orders, a slice at
 * a time (keyset paging both ways: never all rows in memory). Each order has an index of its
 * own in the baseline (devices_*_order_idx, devices_hostname_key) whose expressions are spelled
 * exactly as below, so any slice of 100,000 devices is one index range scan.
 */
import type { Knex } from 'knex';
import { whereDeviceFilter, type DeviceFilter } from './device-filter.js';
import { deviceStateSql, rawFragment, type DeviceState, type StaleRule } from './device-state.js';
import { readSlice, type Slice, type SliceRequest, type SortKey } from './keyset-window.js';

/** A device row of the list. */
export interface DeviceRow {
  id: string;
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  tags: string[];
  enabled: boolean;
  lastRetrievalAt: Date | null;
  lastRetrievalStatus: 'changed' | 'unchanged' | 'failed' | null;
  lastRetrievalErrorCode: string | null;
  /** What the overview counts it as (device-state.ts). */
  state: DeviceState;
  /** Stored configuration versions. */
  versions: number;
}

/** hostname (A→Z), last retrieval (never first, then oldest first), result (failed by code, never, then the rest). */
export const DEVICE_SORTS = ['hostname', 'last-retrieval', 'result'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

const HOSTNAME: SortKey = { sql: 'lower(d.hostname)', cast: 'text' };
// lower(hostname) is unique (devices_hostname_key): it ends every order, which makes it total.
const SORT_KEYS: Record<DeviceSort, SortKey[]> = {
  hostname: [HOSTNAME],
  'last-retrieval': [{ sql: "coalesce(d.last_retrieval_at, '-infinity'::timestamptz)", cast: 'timestamptz' }, HOSTNAME],
  result: [
    { sql: "(CASE WHEN d.last_retrieval_status = 'failed' THEN 0 WHEN d.last_retrieval_status IS NULL THEN 1 ELSE 2 END)", cast: 'integer' },
    { sql: "coalesce(d.last_retrieval_error_code, '')", cast: 'text' },
    HOSTNAME,
  ],
};

function listQuery(trx: Knex.Transaction, filter: DeviceFilter, rule: StaleRule): Knex.QueryBuilder {
  const query = trx('devices as d').select(
    'd.id',
    'd.hostname',
    trx.raw('host(d.ip_address) AS ip_address'),
    'd.port',
    'd.device_type',
    'd.enabled',
    'd.last_retrieval_at',
    'd.last_retrieval_status',
    'd.last_retrieval_error_code',
    rawFragment(trx, deviceStateSql(rule), ' AS state'),
    trx.raw("(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM device_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.device_id = d.id) AS tags"),
    trx.raw('(SELECT count(*)::int FROM device_configurations c WHERE c.device_id = d.id) AS versions'),
  );
  return whereDeviceFilter(query, filter, rule);
}

/** A slice of the devices the filter selects, in `sort` order. INPUT_INVALID for a cursor of another order. */
export function deviceListSlice(trx: Knex.Transaction, view: { filter: DeviceFilter; sort: DeviceSort }, rule: StaleRule, request: SliceRequest): Promise<Slice<DeviceRow>> {
  return readSlice<DeviceRow>(listQuery(trx, view.filter, rule), SORT_KEYS[view.sort], 'asc', request);
}

/** How many devices the filter selects, and how many of them are enabled (what a sweep of them retrieves). */
export async function countFilteredDevices(trx: Knex.Transaction, filter: DeviceFilter, rule: StaleRule): Promise<{ devices: number; enabled: number }> {
  const query = whereDeviceFilter(trx('devices as d'), filter, rule).select(trx.raw('count(*)::int AS devices'), trx.raw('(count(*) FILTER (WHERE d.enabled))::int AS enabled'));
  const [row] = (await query) as Array<{ devices: number; enabled: number }>;
  return row ?? { devices: 0, enabled: 0 };
}
