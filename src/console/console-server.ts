/**
 * What an SSH console server (src/ssh-console) needs from below, over ONE pool and ONE LISTEN
 * session for all its sessions: the operators and their keys, the session limits (settings,
 * re-read when system_settings NOTIFYs a change), and console services for each session,
 * guarded by the operator's role and audited. No SQL in src/ssh-console: it goes through here.
 */
import type { Knex } from 'knex';
import { listOperators, LOGIN_RECORD_INTERVAL_MS, recordOperatorLogin } from '../config/operator-store.js';
import type { OperatorRecord } from '../config/operator-records.js';
import { loadSettings, SETTINGS_CHANNEL } from '../config/settings-store.js';
import type { KeyringSource } from '../credentials/keyring-source.js';
import { auditActions, type ActionRecord } from './action-audit.js';
import type { ActionClass, Actor } from './actor.js';
import { createConsoleServices, createSharedConsoleState, guardActions, type ConsoleServices } from './console-services.js';

/** The `console.*` settings a server applies to logins and sessions. */
export interface SessionLimits {
  maxSessions: number;
  maxSessionsPerOperator: number;
  idleTimeoutMs: number;
}

/** What a session reports for the server's log. */
export interface SessionHooks {
  onAction(record: ActionRecord): void;
  onRefused(what: string, needs: ActionClass): void;
  onAuditFailed(err: unknown): void;
}

export interface ConsoleServer {
  /** Every operator as stored (validated); SETTINGS_INVALID when the stored value was broken by hand. */
  operators(): Promise<OperatorRecord[]>;
  /** Records a login (at most once a minute per operator: 50 sessions opening at once write once). */
  recordLogin(operator: string): Promise<void>;
  limits(): Promise<SessionLimits>;
  /** Calls the listener after every change of system_settings (however it was made); returns the unsubscribe function. */
  onSettingsChanged(listener: () => void): () => void;
  /** The services of one session: every action checked against the actor's role and audited. */
  openSession(actor: Actor, hooks: SessionHooks): Promise<ConsoleServices>;
  /** Subscribers of the shared live events now (a closed session leaves none). */
  subscribers(): number;
  /** Cancels the sweeps the server runs (devices running finish) and stops listening; the database stays open. */
  close(): Promise<void>;
}

export async function createConsoleServer(options: { database: { knex: Knex; url: string; embeddedHome?: string }; keyring: KeyringSource }): Promise<ConsoleServer> {
  const { knex } = options.database;
  const shared = await createSharedConsoleState(options.database.url);
  const settingsListeners = new Set<() => void>();
  const onNotice = (channel: string) => {
    if (channel !== SETTINGS_CHANNEL) return;
    for (const listener of [...settingsListeners]) listener();
  };
  shared.live.control.on('notification', onNotice);
  // After a reconnection a change may have been missed: listeners re-read.
  shared.live.control.on('connected', () => onNotice(SETTINGS_CHANNEL));
  await shared.live.control.listen(SETTINGS_CHANNEL);
  const lastRecorded = new Map<string, number>();
  return {
    operators: () => listOperators(knex),
    async recordLogin(operator) {
      const now = Date.now();
      if (now - (lastRecorded.get(operator) ?? 0) < LOGIN_RECORD_INTERVAL_MS) return;
      lastRecorded.set(operator, now);
      await recordOperatorLogin(knex, operator, new Date(now));
    },
    async limits() {
      const settings = await loadSettings(knex);
      return {
        maxSessions: settings['console.max_sessions'],
        maxSessionsPerOperator: settings['console.max_sessions_per_operator'],
        idleTimeoutMs: settings['console.idle_timeout_seconds'] * 1000,
      };
    },
    onSettingsChanged(listener) {
      settingsListeners.add(listener);
      return () => void settingsListeners.delete(listener);
    },
    async openSession(actor, hooks) {
      const services = await createConsoleServices({ database: options.database, keyring: options.keyring, actor, shared });
      return guardActions(auditActions(services, { knex, onAction: hooks.onAction, onAuditFailed: hooks.onAuditFailed }), undefined, hooks.onRefused);
    },
    subscribers: () => shared.live.subscribers,
    async close() {
      shared.live.control.off('notification', onNotice);
      settingsListeners.clear();
      await shared.close();
    },
  };
}
