import type { VersionRow } from '../../console/device-actions.js';
import { useKeysetRows, type KeysetRows } from './use-keyset-rows.js';

/** A device's stored versions, newest first, a window at a time from the database. */
export function useVersionHistory(deviceId: string, pageRows: number, isActive: boolean): KeysetRows<VersionRow> {
  return useKeysetRows((services, request) => services.versionPage(deviceId, request), { pageRows, isActive, deps: [deviceId] });
}
