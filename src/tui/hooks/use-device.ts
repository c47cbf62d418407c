import type { DeviceView } from '../../console/device-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** One device with the credentials that apply to it; `version` grows to read it again (a retrieval of it progressed). */
export function useDevice(deviceId: string, version: number): QueryState<DeviceView> {
  return useServiceQuery((services) => services.device(deviceId), { deps: [deviceId, version] });
}
