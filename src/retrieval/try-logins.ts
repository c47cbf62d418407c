/** Tries a device's credentials in order: a refused login or an expired password moves to the next one (as the fallback setting allows), any other failure stops. */
import { fetchConfiguration, type DeviceEndpoint, type FetchedConfiguration, type SessionEvent } from '../devices/fetch-configuration.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { planLogins, type LoginPlan } from './credential-fallback.js';
import type { DeviceLog } from './device-log.js';
import type { LoginCandidate } from './login-source.js';
import { CREDENTIAL_FAILURES, failureOutcome, loginFailure, type CredentialFailure } from './login-failure.js';
import type { RetrievalContext } from './retrieval-context.js';
import { hostPort } from '../devices/host-port.js';

export interface LoginSuccess {
  fetched: FetchedConfiguration;
  credential: LoginCandidate;
}

/** What a failed attempt may still have learned: the host key seen once authenticated. */
export interface AttemptState {
  seenFingerprint: string | null;
  /** The credential the device accepted, even if a later step failed. */
  credential: LoginCandidate | null;
}

type TryOutcome = 'accepted' | 'refused' | 'password expired' | 'not opened';

function describeLogin(candidate: LoginCandidate): string {
  const method = candidate.method === 'key' ? ', SSH key' : '';
  return `credential ${JSON.stringify(candidate.name)} (user ${JSON.stringify(candidate.username)}${method})`;
}

function eventLogger(log: DeviceLog, candidate: LoginCandidate, state: AttemptState): (event: SessionEvent) => void {
  return (event) => {
    if (event.type === 'connect') {
      log.add('info', 'connect', `connecting to ${hostPort(event.host, event.port)}${event.viaJumpHost ? ' through the jump host' : ''}`, { host: event.host, port: event.port, credential: candidate.name });
    } else if (event.type === 'authenticated') {
      state.seenFingerprint = event.hostKeyFingerprint;
      state.credential = candidate;
      log.add('info', 'authenticated', `authenticated as ${describeLogin(candidate)}`, { credential: candidate.name, credentialId: candidate.id, hostKeyFingerprint: event.hostKeyFingerprint });
    } else if (event.type === 'detected') {
      const { driver, score, reasons, runnerUp, probes } = event.detection;
      const second = runnerUp === undefined ? '' : `; runner-up ${runnerUp.driver} (${runnerUp.score})`;
      const sent = probes.length === 0 ? 'no probe command sent' : `probe commands sent: ${probes.map((p) => JSON.stringify(p)).join(', ')}`;
      log.add('info', 'detected', `detected platform ${driver}: score ${score} from ${reasons.join(', ')}${second}; ${sent}`, { driver, score, reasons, runnerUp: runnerUp ?? null, probes });
    } else if (event.type === 'command-done') {
      log.add('info', 'command', `ran "${event.command}" (${event.chars} characters)`, { command: event.command, chars: event.chars });
    } else if (event.type === 'warning') {
      log.add('warn', 'warning', event.warning.message, { code: event.warning.code, command: event.warning.command });
    }
  };
}

// Counting an attempt must not undo a retrieval: a credential deleted meanwhile is only logged.
async function record(ctx: RetrievalContext, log: DeviceLog, candidate: LoginCandidate, deviceId: string, accepted: boolean): Promise<void> {
  try {
    await ctx.logins.record(candidate.id, deviceId, accepted);
  } catch (err) {
    if (!isNetRavenError(err)) throw err;
    log.add('warn', 'credential', `the ${accepted ? 'success' : 'refusal'} of ${describeLogin(candidate)} could not be recorded: ${err.code}: ${err.message}`, { credential: candidate.name, code: err.code });
  }
}

/** One job log line naming every credential offered (with what came of it) and every one held back. */
function logTried(log: DeviceLog, tried: Array<{ name: string; outcome: TryOutcome }>, plan: LoginPlan): void {
  const offered = tried.map((t) => `${JSON.stringify(t.name)} (${t.outcome})`).join(', ') || 'none';
  const withheld = plan.withheld.map((c) => JSON.stringify(c.name)).join(', ');
  log.add('info', 'credentials', `credentials tried: ${offered}${withheld ? `; not offered: ${withheld} (${plan.reason})` : ''}`, {
    tried: tried.map((t) => ({ credential: t.name, outcome: t.outcome })),
    withheld: plan.withheld.map((c) => c.name),
  });
}

function isCredentialFailure(err: unknown): err is CredentialFailure['error'] {
  return CREDENTIAL_FAILURES.some((code) => isNetRavenError(err, code));
}

function logFailure(log: DeviceLog, candidate: LoginCandidate, err: CredentialFailure['error']): void {
  const data = { credential: candidate.name, code: err.code, stage: err.details.stage ?? null };
  if (err.code === 'PASSWORD_EXPIRED') log.add('warn', 'password-expired', `${describeLogin(candidate)}: password expired: ${err.message}`, data);
  else log.add('warn', 'auth-failed', `${describeLogin(candidate)} refused: ${err.message}`, data);
}

/**
 * Logs into the device with each candidate the fallback setting allows (planLogins), in turn.
 * AUTH_FAILED (login or enable refused) and PASSWORD_EXPIRED (the device demands a new password
 * for this account; nothing is typed) record a failure of that credential, log it with its code
 * and try the next; UNREACHABLE, TIMEOUT and every other failure stop at once, because another
 * credential cannot help. A credential that cannot be opened is skipped and logged;
 * KEYRING_UNUSABLE (this process's keyring is at fault) stops at once. The job log names every
 * credential tried. When none logs in, the error follows loginFailure's rule (the first
 * credential offered decides between PASSWORD_EXPIRED and AUTH_FAILED).
 */
export async function tryLogins(ctx: RetrievalContext, endpoint: DeviceEndpoint, deviceId: string, candidates: LoginCandidate[], log: DeviceLog, state: AttemptState): Promise<LoginSuccess> {
  if (candidates.length === 0) {
    throw new NetRavenError('CREDENTIAL_NOT_FOUND', `${endpoint.hostname}: no credential shares a tag with this device; tag the device or add a credential with --tag`, {
      details: { stage: 'credentials' },
    });
  }
  const plan = planLogins(ctx.credentialFallback, candidates, { hostKeyPinned: endpoint.hostKeyFingerprint !== null });
  const tried: Array<{ name: string; outcome: TryOutcome }> = [];
  const failed: CredentialFailure[] = [];
  let openError: NetRavenError | undefined;
  try {
    for (const candidate of plan.offered) {
      let login;
      try {
        login = await ctx.logins.open(candidate);
      } catch (err) {
        if (!isNetRavenError(err) || err.code === 'KEYRING_UNUSABLE') throw err;
        openError ??= err;
        tried.push({ name: candidate.name, outcome: 'not opened' });
        log.add('error', 'credential', `${describeLogin(candidate)} could not be opened: ${err.code}: ${err.message}`, { credential: candidate.name, code: err.code });
        continue;
      }
      try {
        const fetched = await fetchConfiguration(endpoint, login, { ...ctx.limits, redactSecrets: ctx.redactSecrets, onEvent: eventLogger(log, candidate, state) });
        tried.push({ name: candidate.name, outcome: 'accepted' });
        await record(ctx, log, candidate, deviceId, true);
        return { fetched, credential: candidate };
      } catch (err) {
        if (!isCredentialFailure(err)) {
          // The login itself worked when a later step (a command, the prompt, a timeout) failed.
          if (state.credential === candidate) {
            tried.push({ name: candidate.name, outcome: 'accepted' });
            await record(ctx, log, candidate, deviceId, true);
          }
          throw err;
        }
        // An expired password passed SSH authentication, but the account cannot work: not a good login.
        state.credential = null;
        tried.push({ name: candidate.name, outcome: failureOutcome(err.code) });
        await record(ctx, log, candidate, deviceId, false);
        failed.push({ name: candidate.name, error: err });
        logFailure(log, candidate, err);
      }
    }
  } finally {
    logTried(log, tried, plan);
  }
  const [first, ...rest] = failed;
  if (first === undefined) throw openError ?? new NetRavenError('INTERNAL', `${endpoint.hostname}: no credential was tried`);
  throw loginFailure(endpoint.hostname, [first, ...rest], plan);
}
