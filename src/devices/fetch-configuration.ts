/** Public entry point of the devices layer: log into one device and return its cleaned configuration. */
import type { Client } from 'ssh2';
import { NetRavenError } from '../errors.js';
import type { AlgorithmOverrides } from './algorithms.js';
import { assembleConfiguration, type RetrievalWarning } from './assemble-configuration.js';
import { getDriver } from './drivers/registry.js';
import { openJumpStream } from './jump-host.js';
import { runExecCommands, runShellCommands } from './run-commands.js';
import { formatDuration, validateLimits, type SessionLimits } from './session-limits.js';
import { openSshClient } from './ssh-connect.js';

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
 * Logs into one device with one login and returns its cleaned configuration. Rejects with a
 * NetRavenError: UNREACHABLE, TIMEOUT, AUTH_FAILED, HOST_KEY_MISMATCH, PROMPT_NOT_FOUND,
 * COMMAND_REJECTED (the configuration command was refused), CONFIG_NOT_RECOGNISED (the output is
 * not a configuration of this driver) or OUTPUT_TOO_LARGE. Warnings (a refused auxiliary command,
 * a configuration the device partly hid) arrive as 'warning' events.
 */
export async function fetchConfiguration(endpoint: DeviceEndpoint, login: DeviceLogin, options: FetchOptions): Promise<FetchedConfiguration> {
  const startedAt = Date.now();
  validateLimits(options);
  const driver = getDriver(endpoint.driver);
  const label = `${endpoint.hostname} (${endpoint.host}:${endpoint.port})`;
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

  const run = async (): Promise<FetchedConfiguration> => {
    const track = (client: Client): void => {
      teardown.clients.push(client);
    };
    emit({ type: 'connect', hostname: endpoint.hostname, host: endpoint.host, port: endpoint.port, viaJumpHost: endpoint.jumpHost !== undefined });
    const sock = endpoint.jumpHost === undefined ? undefined : await openJumpStream(endpoint.jumpHost, { label, ...endpoint }, options.connectTimeoutMs, track);
    const opened = await openSshClient(
      {
        label,
        host: endpoint.host,
        port: endpoint.port,
        hostKeyFingerprint: endpoint.hostKeyFingerprint,
        login: { ...login, username: `${login.username}${driver.usernameSuffix ?? ''}` },
        driverAlgorithms: driver.algorithms,
        algorithms: endpoint.algorithms,
        sock,
        onClient: track,
      },
      options.connectTimeoutMs,
    );
    emit({ type: 'authenticated', hostname: endpoint.hostname, hostKeyFingerprint: opened.hostKeyFingerprint });
    const hooks = {
      label,
      driver,
      limits: options,
      enableSecret: login.enableSecret,
      account: { username: login.username, password: login.password },
      onCommandSent: (command: string) => emit({ type: 'command-sent', hostname: endpoint.hostname, command }),
      onCommandDone: (command: string, chars: number) => emit({ type: 'command-done', hostname: endpoint.hostname, command, chars }),
    };
    const result = driver.mode === 'exec' ? await runExecCommands(opened.client, hooks) : await runShellCommands(opened.client, hooks, teardown.aborted);
    const assembled = assembleConfiguration(driver, result.outputs, { redact: options.redactSecrets, label });
    for (const warning of assembled.warnings) emit({ type: 'warning', hostname: endpoint.hostname, warning });
    return {
      content: assembled.content,
      hostKeyFingerprint: opened.hostKeyFingerprint,
      facts: assembled.facts,
      metadata: {
        driver: driver.name,
        commands: result.outputs.filter((o) => o.rejectedWith === undefined).map((o) => o.command),
        prompt: result.prompt,
        durationMs: Date.now() - startedAt,
        bytesReceived: result.bytesReceived,
      },
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
