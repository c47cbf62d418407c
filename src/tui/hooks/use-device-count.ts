import type { DeviceFilter } from '../../console/device-filter-text.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** How many devices the filter selects (and how many are enabled): the devices screen's title and R's question. */
export function useDeviceCount(filter: DeviceFilter, filterKey: string): QueryState<{ devices: number; enabled: number }> {
  return useServiceQuery((services) => services.countDevices(filter), { deps: [filterKey] });
}
