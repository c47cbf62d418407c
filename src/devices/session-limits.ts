/** Timeouts and size cap of one device session, with their defaults and validation. */
import { NetRavenError } from '../errors.js';

export interface SessionLimits {
  /** TCP connect plus SSH handshake and authentication. */
  connectTimeoutMs: number;
  /** From authentication until the first prompt (including paging setup and enable). */
  loginTimeoutMs: number;
  /** No byte received for this long while a command runs. */
  idleTimeoutMs: number;
  /** Hard limit for the whole device, whatever is happening. */
  overallTimeoutMs: number;
  /** Total bytes received from the device. */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: Readonly<SessionLimits> = Object.freeze({
  connectTimeoutMs: 10_000,
  loginTimeoutMs: 20_000,
  idleTimeoutMs: 30_000,
  overallTimeoutMs: 300_000,
  maxOutputBytes: 64 * 1024 * 1024,
});

/** Throws INPUT_INVALID naming the first limit that is not a positive finite number. */
export function validateLimits(limits: SessionLimits): void {
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof SessionLimits)[]) {
    const value = limits[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new NetRavenError('INPUT_INVALID', `session limit ${key} must be a positive number, got ${String(value)}`, {
        details: { limit: key },
      });
    }
  }
}

/** Formats milliseconds for operator messages ("20 s", "1.5 s", "250 ms"). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
