/** Tries a device's credentials in order: a refused login moves to the next one, any other failure stops. */
import { fetchConfiguration, type DeviceEndpoint, type FetchedConfiguration, type SessionEvent } from '../devices/fetch-configuration.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import type { DeviceLog } from './device-log.js';
import type { LoginCandidate } from './login-source.js';
import type { RetrievalContext } from './retrieval-context.js';

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

function describeLogin(candidate: LoginCandidate): string {
  return `credential ${JSON.stringify(candidate.name)} (user ${JSON.stringify(candidate.username)})`;
}

function eventLogger(log: DeviceLog, candidate: LoginCandidate, state: AttemptState): (event: SessionEvent) => void {
  return (event) => {
    if (event.type === 'connect') {
      log.add('info', 'connect', `connecting to ${event.host}:${event.port}${event.viaJumpHost ? ' through the jump host' : ''}`, { host: event.host, port: event.port, credential: candidate.name });
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

/**
 * Logs into the device with each candidate in turn. AUTH_FAILED (login or enable refused) records the
 * refusal and tries the next; UNREACHABLE, TIMEOUT and every other failure stop at once, because
 * another credential cannot help. A credential that cannot be opened is skipped and logged.
 */
export async function tryLogins(ctx: RetrievalContext, endpoint: DeviceEndpoint, deviceId: string, candidates: LoginCandidate[], log: DeviceLog, state: AttemptState): Promise<LoginSuccess> {
  if (candidates.length === 0) {
    throw new NetRavenError('CREDENTIAL_NOT_FOUND', `${endpoint.hostname}: no credential shares a tag with this device; tag the device or add a credential with --tag`, {
      details: { stage: 'credentials' },
    });
  }
  const refused: string[] = [];
  let openError: NetRavenError | undefined;
  for (const candidate of candidates) {
    let login;
    try {
      login = await ctx.logins.open(candidate);
    } catch (err) {
      if (!isNetRavenError(err)) throw err;
      openError ??= err;
      log.add('error', 'credential', `${describeLogin(candidate)} could not be opened: ${err.code}: ${err.message}`, { credential: candidate.name, code: err.code });
      continue;
    }
    try {
      const fetched = await fetchConfiguration(endpoint, login, { ...ctx.limits, redactSecrets: ctx.redactSecrets, onEvent: eventLogger(log, candidate, state) });
      await record(ctx, log, candidate, deviceId, true);
      return { fetched, credential: candidate };
    } catch (err) {
      if (!isNetRavenError(err, 'AUTH_FAILED')) {
        // The login itself worked when a later step (a command, the prompt, a timeout) failed.
        if (state.credential === candidate) await record(ctx, log, candidate, deviceId, true);
        throw err;
      }
      state.credential = null;
      await record(ctx, log, candidate, deviceId, false);
      refused.push(candidate.name);
      log.add('warn', 'auth-failed', `${describeLogin(candidate)} refused: ${err.message}`, { credential: candidate.name, stage: err.details.stage ?? null });
    }
  }
  if (refused.length === 0 && openError !== undefined) throw openError;
  throw new NetRavenError('AUTH_FAILED', `${endpoint.hostname}: every credential was refused (${refused.map((name) => JSON.stringify(name)).join(', ')}); check the usernames, passwords and enable secrets`, {
    details: { stage: 'credentials', tried: refused },
  });
}
