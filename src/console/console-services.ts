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
import { localActor, notAllowed, roleAllows, type ActionClass, type Actor } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { CREDENTIAL_ACTIONS, credentialActions, type CredentialActions } from './credential-actions.js';
import { databaseLabel } from './database-label.js';
import { DEVICE_ACTIONS, deviceActions, type DeviceActions } from './device-actions.js';
import { DEVICE_LIST_ACTIONS, deviceListActions, type DeviceListActions } from './device-list-actions.js';
import { InProcessSweeps } from './in-process-sweeps.js';
import { JOB_LOG_ACTIONS, jobLogActions, type JobLogActions } from './job-log-actions.js';
import { JOBS_ACTIONS, jobsActions, type JobsActions } from './jobs-actions.js';
import { KEY_ACTIONS, keyActions, type KeyActions } from './key-actions.js';
import { LiveEvents, type ConsoleEventListener } from './live-events.js';
import { OPERATOR_ACTIONS, operatorActions, type OperatorActions } from './operator-actions.js';
import { OVERVIEW_ACTIONS, overviewActions, type OverviewActions } from './overview-actions.js';
import { RETRIEVAL_ACTIONS, retrievalActions, type RetrievalActions } from './retrieval-actions.js';
import { SCHEDULE_ACTIONS, scheduleActions, type ScheduleActions } from './schedule-actions.js';
import { SEARCH_ACTIONS, searchActions, type SearchActions } from './search-actions.js';
import { SETTING_ACTIONS, settingActions, type SettingActions } from './setting-actions.js';
import { sharedReads, unshared, type ShareRead } from './shared-read.js';

export interface LiveActions {
  /** Calls the listener on job changes (coalesced) and database lost/back; returns the unsubscribe function. */
  subscribe(listener: ConsoleEventListener): () => void;
}

/** Every action of the console, by area. */
export type ConsoleActions = OverviewActions & RetrievalActions & DeviceListActions & LiveActions
  & JobsActions
  & JobLogActions
  & SearchActions
  & DeviceActions
  & CredentialActions
  & KeyActions
  & ScheduleActions
  & SettingActions
  & OperatorActions;

/** What each action needs (read / operate / admin); the type makes a missing classification a compile error. */
export const ACTION_CLASSES: Record<keyof ConsoleActions, ActionClass> = {
  ...OVERVIEW_ACTIONS,
  ...RETRIEVAL_ACTIONS,
  ...DEVICE_LIST_ACTIONS,
  ...JOBS_ACTIONS,
  ...JOB_LOG_ACTIONS,
  ...SEARCH_ACTIONS,
  ...DEVICE_ACTIONS,
  ...CREDENTIAL_ACTIONS,
  ...KEY_ACTIONS,
  ...SCHEDULE_ACTIONS,
  ...SETTING_ACTIONS,
  ...OPERATOR_ACTIONS,
  subscribe: 'read',
};

export interface ConsoleServices extends ConsoleActions {
  /** The operator; jobs started from this console record `actor.name` as requested_by. */
  readonly actor: Actor;
  /**
   * True for the local console: its in-process sweeps end when it quits (it asks first). False
   * for an SSH session: they belong to the server and go on when the session ends.
   */
  readonly ownsSweeps: boolean;
  /** The refusal of `what` (a key's help, an action's name) for this actor (NOT_ALLOWED); the SSH console also logs it. */
  notAllowed(what: string, needs: ActionClass): Error;
  /** "embedded" or host/name, for the header. */
  readonly databaseLabel: string;
  /** True while the connection to PostgreSQL is lost (it reconnects by itself). */
  databaseLost(): boolean;
  /** Cancels this process's sweeps (waiting for their running devices), waits for its key rotation, and stops listening; the database stays open. */
  close(): Promise<void>;
}

export interface ConsoleServicesOptions {
  database: { knex: Knex; url: string; embeddedHome?: string };
  keyring: KeyringSource;
  /** Default: the OS user, role admin. */
  actor?: Actor;
  /** KEYROTATION_DATABASE_URL, when set: key rotation runs with that role on a small pool of its own. */
  keyRotationUrl?: string;
  /** The SSH console server's state, shared by all its sessions; close() leaves it running. Default: this console's own. */
  shared?: SharedConsoleState;
}

/**
 * What every session of one SSH console server shares: ONE LISTEN session (job notices fanned
 * out in process to every screen and every log follower) and the sweeps the server runs itself
 * when no daemon is alive.
 */
export interface SharedConsoleState {
  live: LiveEvents;
  sweeps: InProcessSweeps;
  /** Reads every session may share for a moment (the overview, the daemons): see shared-read.ts. */
  share: ShareRead;
}

/** Starts the shared state of a console server (the LISTEN session connects, or retries in the background). */
export async function createSharedConsoleState(url: string): Promise<SharedConsoleState & { close(): Promise<void> }> {
  const live = new LiveEvents({ url, applicationName: `netraven-console:${process.pid}` });
  const sweeps = new InProcessSweeps();
  const reads = sharedReads();
  // Before the coalesced event reaches the screens (LiveEvents waits flushMs), so their refresh reads afresh.
  live.control.on('notification', reads.forget);
  live.control.on('connected', reads.forget);
  await live.start();
  return {
    live,
    sweeps,
    share: reads.share,
    async close() {
      await sweeps.cancelAll();
      await live.stop();
    },
  };
}

/** Builds the services and starts listening for job changes (a database that is down is retried in the background). */
export async function createConsoleServices(options: ConsoleServicesOptions): Promise<ConsoleServices> {
  const own = options.shared ? undefined : await createSharedConsoleState(options.database.url);
  const { live, sweeps } = options.shared ?? own!;
  const ctx: ConsoleContext = {
    knex: options.database.knex,
    keyring: options.keyring,
    actor: options.actor ?? localActor(),
    live,
    sweeps,
    // Only a server's sessions share reads; a console of its own reads fresh every time.
    share: options.shared ? options.shared.share : unshared,
    keyRotationUrl: options.keyRotationUrl,
    rotation: { running: null },
  };
  // A session's subscriptions end with it, whatever its screens forgot to undo.
  const subscriptions = new Set<() => void>();
  return {
    actor: ctx.actor,
    ownsSweeps: own !== undefined,
    notAllowed: (what, needs) => notAllowed(ctx.actor, what, needs),
    databaseLabel: databaseLabel(options.database),
    databaseLost: () => live.databaseLost,
    ...overviewActions(ctx),
    ...retrievalActions(ctx),
    ...deviceListActions(ctx),
    ...jobsActions(ctx),
    ...jobLogActions(ctx),
    ...searchActions(ctx),
    ...deviceActions(ctx),
    ...credentialActions(ctx),
    ...keyActions(ctx),
    ...scheduleActions(ctx),
    ...settingActions(ctx),
    ...operatorActions(ctx),
    subscribe(listener) {
      const unsubscribe = live.subscribe(listener);
      subscriptions.add(unsubscribe);
      return () => {
        subscriptions.delete(unsubscribe);
        unsubscribe();
      };
    },
    async close() {
      for (const unsubscribe of subscriptions) unsubscribe();
      subscriptions.clear();
      // A rotation is safe to interrupt, but finishing it spares the next one a resume.
      await ctx.rotation.running?.catch(() => undefined);
      await own?.close();
    },
  };
}

/**
 * The services with every classified action checked against `allows` first (default: the
 * actor's role); a refused action throws NOT_ALLOWED ("not allowed for role viewer: retrieve
 * needs role operator") before anything runs, and `onRefused` hears of it, as of every
 * refusal made through `notAllowed` (a key the role lacks). For the SSH console.
 */
export function guardActions(
  services: ConsoleServices,
  allows: (action: ActionClass, name: keyof ConsoleActions) => boolean = (cls) => roleAllows(services.actor.role, cls),
  onRefused: (what: string, needs: ActionClass) => void = () => undefined,
): ConsoleServices {
  const refuse = (what: string, needs: ActionClass): Error => {
    onRefused(what, needs);
    return notAllowed(services.actor, what, needs);
  };
  const guarded: Record<string, unknown> = { ...services, notAllowed: refuse };
  for (const [name, cls] of Object.entries(ACTION_CLASSES) as Array<[keyof ConsoleActions, ActionClass]>) {
    const action = services[name] as (...args: unknown[]) => unknown;
    guarded[name] = (...args: unknown[]) => {
      if (!allows(cls, name)) throw refuse(name, cls);
      return action(...args);
    };
  }
  return guarded as unknown as ConsoleServices;
}
