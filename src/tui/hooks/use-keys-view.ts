import { useMemo } from 'react';
import type { KeyActions, KeysView } from '../../console/key-actions.js';
import type { ConsoleEvent } from '../../console/live-events.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep } from '../safe-data.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

// Module level: a stable function. Rotation jobs announce every batch on the job status channel.
const jobsChanged = (event: ConsoleEvent) => event.type === 'jobs';

/** The keys screen's data, read again when a job changes (a rotation's batches: its progress), at most 4 times a second. */
export function useKeysView(): QueryState<KeysView> {
  return useServiceQuery((services) => services.keysView(), { live: jobsChanged, minIntervalMs: 250 });
}

/** Rotate and verify; results sanitised. */
export function useKeyActions(): Omit<KeyActions, 'keysView'> {
  const services = useServices();
  return useMemo(
    () => ({
      rotateKeys: async () => sanitiseDeep(await services.rotateKeys()),
      verifyKeys: async () => sanitiseDeep(await services.verifyKeys()),
    }),
    [services],
  );
}
