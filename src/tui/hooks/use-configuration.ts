import type { StoredVersion } from '../../console/device-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** One stored configuration version with its content (sanitised for the terminal on the way). */
export function useConfiguration(configurationId: string): QueryState<StoredVersion> {
  return useServiceQuery((services) => services.configuration(configurationId), { deps: [configurationId] });
}
