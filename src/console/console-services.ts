/**
 * The console services: everything a console screen may read or do, as named actions over
 * the services below (retrieval, jobs, credentials, settings…), with no Ink in sight. The
 * local console calls them directly; the SSH console wraps them with {@link guardActions}, so
 * an action a role may not run is refused here, not only hidden on screen.
 *
 * Adding actions: write `<area>-actions.ts` beside this file exporting an interface, its
 * classification (`Record<keyof Interface, ActionClass>`) and a factory over ConsoleContext,
 * then add one line to each of ConsoleActions, ACTION_CLASSES and createConsoleServices.
 */
import type { Knex } from 'knex';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { NetRavenError } from '../errors.js';
import { localActor, roleAllows, type ActionClass, type Actor } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { databaseLabel } from './database-label.js';
import { DEVICE_LIST_ACTIONS, deviceListActions, type DeviceListActions } from './device-list-actions.js';
import { InProcessSweeps } from './in-process-sweeps.js';
import { LiveEvents, type ConsoleEventListener } from './live-events.js';
import { OVERVIEW_ACTIONS, overviewActions, type OverviewActions } from './overview-actions.js';
import { RETRIEVAL_ACTIONS, retrievalActions, type RetrievalActions } from './retrieval-actions.js';

export interface LiveActions {
  /** Calls the listener on job changes (coalesced) and database lost/back; returns the unsubscribe function. */
  subscribe(listener: ConsoleEventListener): () => void;
}

/** Every action of the console, by area. */
export type ConsoleActions = OverviewActions & RetrievalActions & DeviceListActions & LiveActions;

/** What each action needs (read / operate / admin); the type makes a missing classification a compile error. */
export const ACTION_CLASSES: Record<keyof ConsoleActions, ActionClass> = {
  ...OVERVIEW_ACTIONS,
  ...RETRIEVAL_ACTIONS,
  ...DEVICE_LIST_ACTIONS,
  subscribe: 'read',
};

export interface ConsoleServices extends ConsoleActions {
  /** The operator; jobs started from this console record `actor.name` as requested_by. */
  readonly actor: Actor;
  /** "embedded" or host/name, for the header. */
  readonly databaseLabel: string;
  /** True while the connection to PostgreSQL is lost (it reconnects by itself). */
  databaseLost(): boolean;
  /** Cancels this process's sweeps (waiting for their running devices) and stops listening; the database stays open. */
  close(): Promise<void>;
}

export interface ConsoleServicesOptions {
  database: { knex: Knex; url: string; embeddedHome?: string };
  keyring: KeyringSource;
  /** Default: the OS user, role admin. */
  actor?: Actor;
}

/** Builds the services and starts listening for job changes (a database that is down is retried in the background). */
export async function createConsoleServices(options: ConsoleServicesOptions): Promise<ConsoleServices> {
  const live = new LiveEvents({ url: options.database.url, applicationName: `netraven-console:${process.pid}` });
  const ctx: ConsoleContext = {
    knex: options.database.knex,
    keyring: options.keyring,
    actor: options.actor ?? localActor(),
    live,
    sweeps: new InProcessSweeps(),
  };
  await live.start();
  return {
    actor: ctx.actor,
    databaseLabel: databaseLabel(options.database),
    databaseLost: () => live.databaseLost,
    ...overviewActions(ctx),
    ...retrievalActions(ctx),
    ...deviceListActions(ctx),
    subscribe: (listener) => live.subscribe(listener),
    async close() {
      await ctx.sweeps.cancelAll();
      await live.stop();
    },
  };
}

/**
 * The services with every action checked against `allows` first; a refused action throws
 * (or rejects with) NOT_ALLOWED naming the action and its class. For the SSH console:
 * `guardActions(services, (cls) => roleAllows(actor.role, cls))`.
 */
export function guardActions(services: ConsoleServices, allows: (action: ActionClass, name: keyof ConsoleActions) => boolean = (cls) => roleAllows(services.actor.role, cls)): ConsoleServices {
  const guarded: Record<string, unknown> = { ...services };
  for (const [name, cls] of Object.entries(ACTION_CLASSES) as Array<[keyof ConsoleActions, ActionClass]>) {
    const action = services[name] as (...args: unknown[]) => unknown;
    guarded[name] = (...args: unknown[]) => {
      if (!allows(cls, name)) {
        throw new NetRavenError('NOT_ALLOWED', `${services.actor.name} (role ${services.actor.role}) may not ${name}: it needs the ${cls} right`, { details: { action: name, class: cls } });
      }
      return action(...args);
    };
  }
  return guarded as unknown as ConsoleServices;
}
