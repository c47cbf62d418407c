import type { DeviceListView, DeviceRow } from '../../console/device-list-actions.js';
import { useKeysetRows, type KeysetRows } from './use-keyset-rows.js';

/**
 * The devices a view (filter and sort) selects, a window at a time from the database; read from
 * the top again when the view changes. `viewKey` identifies the view (a new filter object with
 * the same words is the same view).
 */
export function useDeviceList(view: DeviceListView, viewKey: string, pageRows: number, isActive: boolean): KeysetRows<DeviceRow> {
  return useKeysetRows((services, request) => services.devicePage(view, request), { pageRows, isActive, deps: [viewKey] });
}
