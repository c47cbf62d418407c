/** Everything one retrieval needs besides the device: database, logins, session limits, concurrency. */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { loadSettings } from '../config/settings-store.js';
import type { CredentialFallback, Settings } from '../config/settings.js';
import type { SessionLimits } from '../devices/fetch-configuration.js';
import type { LoginSource } from './login-source.js';

export interface RetrievalContext {
  knex: Knex;
  logins: LoginSource;
  limits: SessionLimits;
  redactSecrets: boolean;
  /** Which credentials a device is offered after a refused login (retrieval.credential_fallback; see credential-fallback.ts). */
  credentialFallback: CredentialFallback;
  /** Devices retrieved at the same time by one sweep in this process. */
  concurrency: number;
  /** Seconds a sweep's lease on its parent job lasts without a progress write (jobs.lease_seconds). */
  leaseSeconds: number;
  /** Job log rows a sweep buffers before a write, and how long at most (logs.flush_rows, logs.flush_ms). */
  logFlushRows: number;
  logFlushMs: number;
  /** Names this process in job leases and logs (host:pid). */
  workerId: string;
}

/** Session limits and concurrency as the system settings give them (seconds become milliseconds). */
export function limitsFromSettings(
  settings: Settings,
): Pick<RetrievalContext, 'limits' | 'redactSecrets' | 'credentialFallback' | 'concurrency' | 'leaseSeconds' | 'logFlushRows' | 'logFlushMs'> {
  return {
    limits: {
      connectTimeoutMs: settings['retrieval.connect_timeout_seconds'] * 1000,
      loginTimeoutMs: settings['retrieval.login_timeout_seconds'] * 1000,
      idleTimeoutMs: settings['retrieval.idle_timeout_seconds'] * 1000,
      overallTimeoutMs: settings['retrieval.overall_timeout_seconds'] * 1000,
      maxOutputBytes: settings['retrieval.max_output_bytes'],
    },
    redactSecrets: settings['retrieval.redact_secrets'],
    credentialFallback: settings['retrieval.credential_fallback'],
    concurrency: settings['retrieval.concurrency'],
    leaseSeconds: settings['jobs.lease_seconds'],
    logFlushRows: settings['logs.flush_rows'],
    logFlushMs: settings['logs.flush_ms'],
  };
}

/** The worker id of this process, as stored in jobs.lease_owner. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

/** Reads the retrieval settings once and builds the context; `overrides` win (tests, benchmarks). */
export async function loadRetrievalContext(knex: Knex, logins: LoginSource, overrides: Partial<RetrievalContext> = {}): Promise<RetrievalContext> {
  const fromSettings = limitsFromSettings(await loadSettings(knex));
  return { knex, logins, workerId: defaultWorkerId(), ...fromSettings, ...overrides };
}
