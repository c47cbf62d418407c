/** Devices as lists show them, paged from the database (never all rows in memory). */
import type { Knex } from 'knex';
import { readSlice, type Slice, type SliceRequest, type SortKey } from '../db/queries/keyset-window.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';

/** A device row of a list. */
export interface DeviceRow {
  id: string;
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  tags: string[];
  lastRetrievalAt: Date | null;
  lastRetrievalStatus: 'changed' | 'unchanged' | 'failed' | null;
  lastRetrievalErrorCode: string | null;
}

export interface DeviceListActions {
  /** A slice of every device ordered by hostname (ignoring case), keyset-paged both ways. */
  devicePage(request: SliceRequest): Promise<Slice<DeviceRow>>;
}

export const DEVICE_LIST_ACTIONS: Record<keyof DeviceListActions, ActionClass> = {
  devicePage: 'read',
};

// lower(hostname) is unique (devices_hostname_key), so it orders totally and its index serves every slice.
const BY_HOSTNAME: SortKey[] = [{ sql: 'lower(d.hostname)', cast: 'text' }];

function deviceRows(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('devices as d').select(
    'd.id', 'd.hostname', trx.raw('host(d.ip_address) AS ip_address'), 'd.port', 'd.device_type', 'd.last_retrieval_at', 'd.last_retrieval_status', 'd.last_retrieval_error_code',
    trx.raw("(SELECT coalesce(array_agg(t.name ORDER BY lower(t.name)), '{}') FROM device_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.device_id = d.id) AS tags"),
  );
}

export function deviceListActions(ctx: ConsoleContext): DeviceListActions {
  return {
    devicePage: (request) => inReadOnlyTransaction(ctx.knex, (trx) => readSlice<DeviceRow>(deviceRows(trx), BY_HOSTNAME, 'asc', request)),
  };
}
