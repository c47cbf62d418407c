import type { ConfigurationDiff } from '../../console/device-actions.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

/** The unified diff of version `toId` against `fromId`, or against the version before it. */
export function useConfigurationDiff(toId: string, fromId: string | undefined): QueryState<ConfigurationDiff> {
  return useServiceQuery((services) => services.configurationDiff(toId, fromId), { deps: [toId, fromId] });
}
