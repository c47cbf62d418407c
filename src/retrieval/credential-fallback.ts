/** Which of a device's credentials one retrieval may offer it (retrieval.credential_fallback). */
import type { CredentialFallback } from '../config/settings.js';
import type { LoginCandidate } from './login-source.js';

export interface LoginPlan {
  /** The candidates this retrieval may offer the device, in order. */
  offered: LoginCandidate[];
  /** The candidates held back (never sent to the device). */
  withheld: LoginCandidate[];
  /** Why some were held back, for the job log and the error; null when none were. */
  reason: string | null;
}

/**
 * Every device is offered the credentials sharing one of its tags, so something answering on a
 * device's address could collect them all. Once a device has proved itself (a pinned host key
 * and a credential that worked: its last good one, always the first candidate), a refused login
 * with that credential says more about the device than about the others:
 * - `always`: offer every candidate in order (a refusal moves to the next);
 * - `first-contact-only` (default): every candidate until the device has a pinned host key and a
 *   last good credential, then only that one;
 * - `never`: one credential per retrieval, the last good one or else the first in order.
 */
export function planLogins(policy: CredentialFallback, candidates: LoginCandidate[], device: { hostKeyPinned: boolean }): LoginPlan {
  const [first, ...rest] = candidates;
  const all: LoginPlan = { offered: candidates, withheld: [], reason: null };
  if (first === undefined || rest.length === 0 || policy === 'always') return all;
  if (policy === 'never') return { offered: [first], withheld: rest, reason: 'retrieval.credential_fallback is "never": one credential per retrieval' };
  if (!device.hostKeyPinned || first.lastGood !== true) return all;
  return {
    offered: [first],
    withheld: rest,
    reason: `retrieval.credential_fallback is "first-contact-only" and the device has a pinned host key and a credential that worked (${JSON.stringify(first.name)})`,
  };
}
