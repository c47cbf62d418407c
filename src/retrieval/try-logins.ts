/** Tries a device's credentials in order: a refused login moves to the next one (as the fallback setting allows), any other failure stops. */
import { fetchConfiguration, type DeviceEndpoint, type FetchedConfiguration, type SessionEvent } from '../devices/fetch-configuration.js';
import { NetRavenError, isNetRavenError } from '../errors.js';
import { planLogins, type LoginPlan } from './credential-fallback.js';
import type { DeviceLog } from './device-log.js';
import type { LoginCandidate } from './login-source.js';
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

type TryOutcome = 'accepted' | 'refused' | 'not opened';

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

function refusedError(hostname: string, refused: string[], plan: LoginPlan): NetRavenError {
  const names = refused.map((name) => JSON.stringify(name)).join(', ');
  const details = { stage: 'credentials', tried: refused, withheld: plan.withheld.map((c) => c.name) };
  if (plan.withheld.length === 0) {
    return new NetRavenError('AUTH_FAILED', `${hostname}: every credential was refused (${names}); check the usernames, passwords, keys and enable secrets`, { details });
  }
  return new NetRavenError(
    'AUTH_FAILED',
    `${hostname}: credential ${names} was refused and ${plan.withheld.length} other(s) were not offered: ${plan.reason}; if its secret or key changed, update it (\`netraven credentials update\`), or let the next retrieval try every credential: \`netraven devices forget-credential ${hostname}\``,
    { details },
  );
}

/**
 * Logs into the device with each candidate the fallback setting allows (planLogins), in turn.
 * AUTH_FAILED (login or enable refused) records the refusal and tries the next; UNREACHABLE,
 * TIMEOUT and every other failure stop at once, because another credential cannot help. A
 * credential that cannot be opened is skipped and logged; KEYRING_UNUSABLE (this process's
 * keyring is at fault) stops at once. The job log names every credential tried.
 */
export async function tryLogins(ctx: RetrievalContext, endpoint: DeviceEndpoint, deviceId: string, candidates: LoginCandidate[], log: DeviceLog, state: AttemptState): Promise<LoginSuccess> {
  if (candidates.length === 0) {
    throw new NetRavenError('CREDENTIAL_NOT_FOUND', `${endpoint.hostname}: no credential shares a tag with this device; tag the device or add a credential with --tag`, {
      details: { stage: 'credentials' },
    });
  }
  const plan = planLogins(ctx.credentialFallback, candidates, { hostKeyPinned: endpoint.hostKeyFingerprint !== null });
  const tried: Array<{ name: string; outcome: TryOutcome }> = [];
  const refused: string[] = [];
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
        if (!isNetRavenError(err, 'AUTH_FAILED')) {
          // The login itself worked when a later step (a command, the prompt, a timeout) failed.
          if (state.credential === candidate) {
            tried.push({ name: candidate.name, outcome: 'accepted' });
            await record(ctx, log, candidate, deviceId, true);
          }
          throw err;
        }
        state.credential = null;
        tried.push({ name: candidate.name, outcome: 'refused' });
        await record(ctx, log, candidate, deviceId, false);
        refused.push(candidate.name);
        log.add('warn', 'auth-failed', `${describeLogin(candidate)} refused: ${err.message}`, { credential: candidate.name, stage: err.details.stage ?? null });
      }
    }
  } finally {
    logTried(log, tried, plan);
  }
  if (refused.length === 0 && openError !== undefined) throw openError;
  throw refusedError(endpoint.hostname, refused, plan);
}
