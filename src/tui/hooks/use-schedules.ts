import { useMemo } from 'react';
import type { ConsoleEvent } from '../../console/live-events.js';
import type { ScheduleActions, ScheduleRow } from '../../console/schedule-actions.js';
import { useServices } from '../context/services.js';
import { sanitiseDeep } from '../safe-data.js';
import { useServiceQuery, type QueryState } from './use-service-query.js';

// Schedules follow their definitions and, for the system ones, their settings.
const schedulesChanged = (event: ConsoleEvent) => event.type === 'schedules' || event.type === 'settings';

/** Every schedule, read again when a definition or a setting changes (any process). */
export function useSchedules(): QueryState<ScheduleRow[]> {
  return useServiceQuery((services) => services.scheduleList(), { live: schedulesChanged, minIntervalMs: 250 });
}

/** Check, add and remove schedules; results sanitised. */
export function useScheduleActions(): Omit<ScheduleActions, 'scheduleList'> {
  const services = useServices();
  return useMemo(
    () => ({
      checkCron: async (text) => sanitiseDeep(await services.checkCron(text)),
      addSchedule: async (input) => sanitiseDeep(await services.addSchedule(input)),
      removeSchedule: async (id) => sanitiseDeep(await services.removeSchedule(id)),
    }),
    [services],
  );
}
