import { useMemo } from 'react';
import type { ConsoleEvent } from '../../console/live-events.js';
import type { SettingActions, SettingRow } from '../../console/setting-actions.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep } from '../safe-data.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

const settingsChanged = (event: ConsoleEvent) => event.type === 'settings';

/** Every setting, read again when one changes (system_settings NOTIFYs every change, from any process). */
export function useSettings(): QueryState<SettingRow[]> {
  return useServiceQuery((services) => services.settingsList(), { live: settingsChanged, minIntervalMs: 250 });
}

/** Check and set a value; results sanitised. */
export function useSettingActions(): Omit<SettingActions, 'settingsList'> {
  const services = useServices();
  return useMemo(
    () => ({
      checkSettingValue: async (key, text) => sanitiseDeep(await services.checkSettingValue(key, text)),
      setSettingValue: async (key, text) => sanitiseDeep(await services.setSettingValue(key, text)),
    }),
    [services],
  );
}
