/** Public entry point of the devices layer: log into one device and return its cleaned configuration. */
import type { Client } from 'ssh2';
import { NetRavenError } from '../errors.js';
import type { AlgorithmOverrides } from './algorithms.js';
import { assembleConfiguration, type RetrievalWarning } from './assemble-configuration.js';
import { detectPlatform, type DetectedPlatform } from './detection/detect-platform.js';
import { AUTO_DRIVER, getDriver } from './drivers/registry.js';
import { openJumpStream } from './jump-host.js';
import { runExecCommands, runShellCommands } from './run-commands.js';
import { formatDuration, validateLimits, type SessionLimits } from './session-limits.js';
import { openSshClient, type OpenedClient, type SshTarget } from './ssh-connect.js';
import { hostPort } from './host-port.js';
import { releaseLargeCopies } from './large-text-memory.js';

export { DEFAULT_LIMITS, type SessionLimits } from './session-limits.js';
export type { AlgorithmOverrides } from './algorithms.js';
export type { RetrievalWarning } from './assemble-configuration.js';

export interface DeviceLogin {
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  enableSecret?: string;
}

export interface JumpHost {
  host: string;
  port: number;
  login: DeviceLogin;
  hostKeyFingerprint: string | null;
}

export interface DeviceEndpoint {
  hostname: string;
  host: string;
  port: number;
  driver: string;
  hostKeyFingerprint: string | null;
  algorithms?: AlgorithmOverrides;
  jumpHost?: JumpHost;
}

/** Progress events; they never carry a secret. */
export type SessionEvent =
  | { type: 'connect'; hostname: string; host: string; port: number; viaJumpHost: boolean }
  | { type: 'authenticated'; hostname: string; hostKeyFingerprint: string }
  | { type: 'detected'; hostname: string; detection: Omit<DetectedPlatform, 'hostKeyFingerprint'> }
  | { type: 'command-sent'; hostname: string; command: string }
  | { type: 'command-done'; hostname: string; command: string; chars: number }
  | { type: 'warning'; hostname: string; warning: RetrievalWarning };

export interface FetchOptions extends SessionLimits {
  redactSecrets: boolean;
  onEvent?: (e: SessionEvent) => void;
}

export interface FetchedConfiguration {
  content: string;
  hostKeyFingerprint: string;
  facts: { model?: string; osVersion?: string; serial?: string; vendor?: string };
  metadata: { driver: string; commands: string[]; prompt: string; durationMs: number; bytesReceived: number };
  /** Set when the endpoint's driver was `auto`: the driver detected and why (the caller stores it on the device). */
  detection?: Omit<DetectedPlatform, 'hostKeyFingerprint'>;
}

/** Holds every client of one retrieval so the overall limit can tear them all down at once. */
class Teardown {
  readonly clients: Client[] = [];
  private rejectAbort: (err: NetRavenError) => void = () => undefined;
  readonly aborted = new Promise<never>((_resolve, reject) => {
    this.rejectAbort = reject;
  });
  constructor() {
    // Nobody may be listening any more when the limit fires after completion.
    this.aborted.catch(() => undefined);
  }
  abort(err: NetRavenError): void {
    this.rejectAbort(err);
    this.closeAll();
  }
  /** Hard stop: used on failure and on the overall limit. */
  closeAll(): void {
    for (const client of this.clients) client.destroy();
  }
  /** Polite goodbye after success (device first, then the jump host). */
  endAll(): void {
    for (const client of [...this.clients].reverse()) client.end();
  }
}

/**
 * Logs into one device with one login and returns its cleaned configuration. An endpoint whose driver is
 * `auto` is first detected (one login reading ident, banner, prompt and at most two read-only probes), then
 * retrieved with the detected driver in a second login pinned to the host key the first one saw.
 * Rejects with a NetRavenError: UNREACHABLE, TIMEOUT, AUTH_FAILED, HOST_KEY_MISMATCH, PROMPT_NOT_FOUND,
 * COMMAND_REJECTED (the configuration command was refused), CONFIG_NOT_RECOGNISED (the output is not a
 * configuration of this driver), OUTPUT_TOO_LARGE or DRIVER_UNDETECTED. Warnings (a refused auxiliary
 * command, a configuration the device partly hid) arrive as 'warning' events.
 */
export async function fetchConfiguration(endpoint: DeviceEndpoint, login: DeviceLogin, options: FetchOptions): Promise<FetchedConfiguration> {
  const startedAt = Date.now();
  validateLimits(options);
  const detecting = endpoint.driver === AUTO_DRIVER;
  let driver = detecting ? undefined : getDriver(endpoint.driver);
  const label = `${endpoint.hostname} (${hostPort(endpoint.host, endpoint.port)})`;
  const emit = (event: SessionEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A faulty listener must not break a retrieval.
    }
  };
  const teardown = new Teardown();
  const overall = setTimeout(() => {
    teardown.abort(
      new NetRavenError('TIMEOUT', `${label}: retrieval exceeded the overall limit of ${formatDuration(options.overallTimeoutMs)}; raise retrieval.overall_timeout_seconds for large or slow devices`, {
        details: { stage: 'overall', timeoutMs: options.overallTimeoutMs },
      }),
    );
  }, options.overallTimeoutMs);

  const track = (client: Client): void => {
    teardown.clients.push(client);
  };
  const connect = async (hostKeyFingerprint: string | null, preAuth?: SshTarget['preAuth']): Promise<OpenedClient> => {
    emit({ type: 'connect', hostname: endpoint.hostname, host: endpoint.host, port: endpoint.port, viaJumpHost: endpoint.jumpHost !== undefined });
    const sock = endpoint.jumpHost === undefined ? undefined : await openJumpStream(endpoint.jumpHost, { label, ...endpoint }, options.connectTimeoutMs, track);
    const opened = await openSshClient(
      {
        label,
        host: endpoint.host,
        port: endpoint.port,
        hostKeyFingerprint,
        login: { ...login, username: `${login.username}${driver?.usernameSuffix ?? ''}` },
        driverAlgorithms: driver?.algorithms,
        algorithms: endpoint.algorithms,
        sock,
        preAuth,
        onClient: track,
      },
      options.connectTimeoutMs,
    );
    emit({ type: 'authenticated', hostname: endpoint.hostname, hostKeyFingerprint: opened.hostKeyFingerprint });
    return opened;
  };

  const run = async (): Promise<FetchedConfiguration> => {
    let pinned = endpoint.hostKeyFingerprint;
    let detection: FetchedConfiguration['detection'];
    if (detecting) {
      const detected = await detectPlatform((preAuth) => connect(pinned, preAuth), { label, limits: options, aborted: teardown.aborted });
      const { hostKeyFingerprint, ...why } = detected;
      detection = why;
      emit({ type: 'detected', hostname: endpoint.hostname, detection });
      driver = getDriver(detected.driver);
      // The second login must meet the same server the first one saw.
      pinned ??= hostKeyFingerprint;
    }
    const chosen = driver!;
    const opened = await connect(pinned);
    const hooks = {
      label,
      driver: chosen,
      limits: options,
      enableSecret: login.enableSecret,
      account: { username: login.username, password: login.password },
      onCommandSent: (command: string) => emit({ type: 'command-sent', hostname: endpoint.hostname, command }),
      onCommandDone: (command: string, chars: number) => emit({ type: 'command-done', hostname: endpoint.hostname, command, chars }),
    };
    const result = chosen.mode === 'exec' ? await runExecCommands(opened.client, hooks) : await runShellCommands(opened.client, hooks, teardown.aborted);
    const assembled = assembleConfiguration(chosen, result.outputs, { redact: options.redactSecrets, label });
    // The ruled blocks the stored text was joined from.
    releaseLargeCopies(assembled.content.length);
    for (const warning of assembled.warnings) emit({ type: 'warning', hostname: endpoint.hostname, warning });
    return {
      content: assembled.content,
      hostKeyFingerprint: opened.hostKeyFingerprint,
      facts: assembled.facts,
      metadata: {
        driver: chosen.name,
        commands: result.outputs.filter((o) => o.rejectedWith === undefined).map((o) => o.command),
        prompt: result.prompt,
        durationMs: Date.now() - startedAt,
        bytesReceived: result.bytesReceived,
      },
      detection,
    };
  };

  try {
    const fetched = await Promise.race([run(), teardown.aborted]);
    teardown.endAll();
    return fetched;
  } catch (err) {
    teardown.closeAll();
    throw err;
  } finally {
    clearTimeout(overall);
  }
}
