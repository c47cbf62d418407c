import React, { createContext, useContext, type ReactNode } from 'react';
import type { ConsoleServices } from '../../console/console-services.js';

const ServicesContext = createContext<ConsoleServices | null>(null);

/** Gives hooks the console services (the only way screens reach data). */
export function ServicesProvider({ services, children }: { services: ConsoleServices; children: ReactNode }): React.JSX.Element {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The console services; only hooks/ should call this. */
export function useServices(): ConsoleServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/** The services, or null where there are none (the key dispatcher of a component rendered alone in a test). */
export function useServicesIfAny(): ConsoleServices | null {
  return useContext(ServicesContext);
}
