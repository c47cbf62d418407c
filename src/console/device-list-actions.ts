/** Devices as the devices screen lists them: filtered, sorted, paged from the database (never all rows in memory). */
import type { DeviceFilter } from '../db/queries/device-filter.js';
import { countFilteredDevices, deviceListSlice, type DeviceRow, type DeviceSort } from '../db/queries/device-list.js';
import type { Slice, SliceRequest } from '../db/queries/keyset-window.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { readSchedules } from './stale-rule.js';

export { DEVICE_SORTS, type DeviceRow, type DeviceSort } from '../db/queries/device-list.js';

/** Which devices, in which order. */
export interface DeviceListView {
  filter: DeviceFilter;
  sort: DeviceSort;
}

export interface DeviceListActions {
  /** A slice of the devices the view selects, keyset-paged both ways (INPUT_INVALID for a cursor of another order). */
  devicePage(view: DeviceListView, request: SliceRequest): Promise<Slice<DeviceRow>>;
  /** How many devices the filter selects, and how many of them are enabled (what R retrieves). */
  countDevices(filter: DeviceFilter): Promise<{ devices: number; enabled: number }>;
}

export const DEVICE_LIST_ACTIONS: Record<keyof DeviceListActions, ActionClass> = {
  devicePage: 'read',
  countDevices: 'read',
};

export function deviceListActions(ctx: ConsoleContext): DeviceListActions {
  return {
    async devicePage(view, request) {
      // Every row says whether it is stale: the rule comes from the schedules as they are now.
      const { rule } = await readSchedules(ctx.knex, new Date());
      return inReadOnlyTransaction(ctx.knex, (trx) => deviceListSlice(trx, view, rule, request));
    },
    async countDevices(filter) {
      const { rule } = await readSchedules(ctx.knex, new Date());
      return inReadOnlyTransaction(ctx.knex, (trx) => countFilteredDevices(trx, filter, rule));
    },
  };
}
