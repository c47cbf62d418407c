/** The error of a device none of whose offered credentials logged in. */
import { NetRavenError } from '../errors.js';
import type { LoginPlan } from './credential-fallback.js';

/**
 * Failures that count against one credential and move on to the next one the plan offers:
 * the device refused the login or the enable secret (AUTH_FAILED), or it accepted the login but
 * demands a new password before its first prompt (PASSWORD_EXPIRED). Either way this credential
 * cannot retrieve the device today, and another account may.
 */
export const CREDENTIAL_FAILURES = ['AUTH_FAILED', 'PASSWORD_EXPIRED'] as const;
export type CredentialFailureCode = (typeof CREDENTIAL_FAILURES)[number];

/** One offered credential that did not log in, with the device layer's error. */
export interface CredentialFailure {
  name: string;
  error: NetRavenError & { code: CredentialFailureCode };
}

/** The job log's word for each failure. */
export function failureOutcome(code: CredentialFailureCode): 'refused' | 'password expired' {
  return code === 'PASSWORD_EXPIRED' ? 'password expired' : 'refused';
}

function listed(failures: readonly CredentialFailure[]): string {
  return failures.map((f) => `${JSON.stringify(f.name)} (${failureOutcome(f.error.code)})`).join(', ');
}

function withheldText(plan: LoginPlan): string {
  return plan.withheld.length === 0 ? '' : `; ${plan.withheld.length} other(s) were not offered: ${plan.reason}`;
}

/**
 * Which error a device gets when every offered credential failed (`failures` in the order they
 * were tried, at least one). The first credential offered decides: it is the device's last good
 * credential when it has one (always offered first), else the first by priority and success
 * ratio, i.e. the account the device is expected to use. Its password expired: PASSWORD_EXPIRED
 * (the device's own message, naming the credential, what to do and the others tried). Otherwise
 * AUTH_FAILED, naming every credential with its outcome and those held back.
 */
export function loginFailure(hostname: string, failures: readonly [CredentialFailure, ...CredentialFailure[]], plan: LoginPlan): NetRavenError {
  const [first, ...others] = failures;
  const details = {
    stage: 'credentials',
    tried: failures.map((f) => f.name),
    expired: failures.filter((f) => f.error.code === 'PASSWORD_EXPIRED').map((f) => f.name),
    withheld: plan.withheld.map((c) => c.name),
  };
  if (first.error.code === 'PASSWORD_EXPIRED') {
    const also = others.length === 0 ? '' : `; also tried: ${listed(others)}`;
    return new NetRavenError('PASSWORD_EXPIRED', `${first.error.message} (credential ${JSON.stringify(first.name)})${also}${withheldText(plan)}`, {
      details: { ...details, lastLine: first.error.details.lastLine ?? null, driver: first.error.details.driver ?? null },
    });
  }
  if (plan.withheld.length > 0) {
    // Only one credential is offered when others are held back (planLogins).
    return new NetRavenError(
      'AUTH_FAILED',
      `${hostname}: credential ${JSON.stringify(first.name)} was refused and ${plan.withheld.length} other(s) were not offered: ${plan.reason}; if its secret or key changed, update it (\`netraven credentials update\`), or let the next retrieval try every credential: \`netraven devices forget-credential ${hostname}\``,
      { details },
    );
  }
  if (details.expired.length === 0) {
    const names = failures.map((f) => JSON.stringify(f.name)).join(', ');
    return new NetRavenError('AUTH_FAILED', `${hostname}: every credential was refused (${names}); check the usernames, passwords, keys and enable secrets`, { details });
  }
  return new NetRavenError(
    'AUTH_FAILED',
    `${hostname}: no credential logged in: ${listed(failures)}; check the usernames, passwords, keys and enable secrets; an expired password is renewed by logging in once by hand, then \`netraven credentials update\``,
    { details },
  );
}
