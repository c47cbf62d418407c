/** Opens one authenticated ssh2 Client connection (directly or over a forwarded stream) with host key checking. */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type AuthenticationType, type ConnectConfig } from 'ssh2';
import { NetRavenError } from '../errors.js';
import { buildAlgorithms, type AlgorithmOverrides } from './algorithms.js';
import type { AlgorithmLists } from './drivers/driver.js';
import { classifyConnectionError } from './error-classification.js';
import { createHostVerifier, type HostKeyCheck } from './host-key.js';
import { formatDuration } from './session-limits.js';

export interface SshLogin {
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
}

export interface SshTarget {
  /** How operators know this host ("core-sw1 (10.0.0.5:22)"); used in every message. */
  label: string;
  host: string;
  port: number;
  hostKeyFingerprint: string | null;
  login: SshLogin;
  driverAlgorithms?: AlgorithmLists;
  algorithms?: AlgorithmOverrides;
  /** A stream to run SSH over (jump host forwarding) instead of a TCP socket. */
  sock?: Duplex;
  /** Lets the caller end the client when the overall limit fires while still connecting. */
  onClient?: (client: Client) => void;
  /**
   * Checked with the server identification ("SSH-2.0-…") and the authentication banner after the
   * credential-free 'none' method and before any credential is offered; an error returned ends the
   * connection with it (detection refuses console servers and printers this way).
   */
  preAuth?: (seen: PreAuthSeen) => NetRavenError | undefined;
}

/** What a server shows before it sees a credential. */
export interface PreAuthSeen {
  ident: string;
  banner: string;
}

const MAX_IDENT_BYTES = 8 * 1024;

/** Watches a stream for the server identification line (RFC 4253 §4.2: "SSH-2.0-software comments", after optional other lines). */
function sniffIdent(stream: Duplex, onIdent: (ident: string) => void): void {
  let head = '';
  const onData = (data: Buffer): void => {
    head += data.toString('latin1');
    const found = /^(SSH-[^\r\n]*)\r?\n/m.exec(head);
    if (found !== null || head.length > MAX_IDENT_BYTES) {
      stream.off('data', onData);
      if (found !== null) onIdent(found[1]!);
    }
  };
  stream.on('data', onData);
}

/** ssh2 auth handler that offers 'none' first, runs the pre-auth check, then the credential methods in order. */
function checkedAuth(methods: AuthenticationType[], check: () => boolean): () => AuthenticationType | false {
  const queue: AuthenticationType[] = ['none', ...methods];
  let step = 0;
  return () => {
    if (step === 1 && !check()) return false;
    return queue[step++] ?? false;
  };
}

export interface OpenedClient {
  client: Client;
  hostKeyFingerprint: string;
}

// Network devices usually announce their password prompt in these words.
const PASSWORD_PROMPT = /pass(word|code|phrase)?|secret|pin/i;
const USERNAME_PROMPT = /user(name)?|login/i;

/** Answers keyboard-interactive prompts: the username to a username question, the password to anything else. */
function keyboardAnswers(login: SshLogin, prompts: { prompt: string }[]): string[] {
  return prompts.map(({ prompt }) =>
    USERNAME_PROMPT.test(prompt) && !PASSWORD_PROMPT.test(prompt) ? login.username : (login.password ?? ''),
  );
}

/** Authentication order: key first (no secret crosses the wire), then password, then keyboard-interactive. */
function authMethods(login: SshLogin): AuthenticationType[] {
  const methods: AuthenticationType[] = [];
  if (login.privateKey !== undefined) methods.push('publickey');
  if (login.password !== undefined) methods.push('password', 'keyboard-interactive');
  return methods;
}

/** A TCP socket with Nagle off: every prompt/command exchange is a tiny packet, and Nagle plus delayed ACKs would add ~40 ms to each. */
function directSocket(host: string, port: number): Socket {
  const socket = new Socket();
  socket.setNoDelay(true);
  socket.connect(port, host);
  return socket;
}

/** Connects, checks the host key (before any credential is sent) and authenticates; rejects with a NetRavenError. */
export function openSshClient(target: SshTarget, connectTimeoutMs: number): Promise<OpenedClient> {
  return new Promise<OpenedClient>((resolve, reject) => {
    const client = new Client();
    target.onClient?.(client);
    const hostKey: HostKeyCheck = { seen: null, mismatch: false };
    const preAuthSeen: PreAuthSeen = { ident: '', banner: '' };
    let preAuthDone = target.preAuth === undefined;
    let settled = false;
    const fail = (error: NetRavenError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(
        new NetRavenError(
          'TIMEOUT',
          `${target.label}: no SSH login within ${formatDuration(connectTimeoutMs)} (connect, key exchange and authentication); check that the host answers SSH or raise retrieval.connect_timeout_seconds`,
          { details: { host: target.host, port: target.port, stage: 'connect', timeoutMs: connectTimeoutMs } },
        ),
      );
    }, connectTimeoutMs);

    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(keyboardAnswers(target.login, prompts));
    });
    // The pre-auth check, once: false when it refused the server (the connection is then failed with its error).
    const runPreAuth = (): boolean => {
      if (preAuthDone) return true;
      preAuthDone = true;
      const refused = target.preAuth?.(preAuthSeen);
      if (refused === undefined) return true;
      fail(refused);
      return false;
    };
    client.on('banner', (message: string) => {
      preAuthSeen.banner += message;
    });
    client.on('ready', () => {
      // A server that accepted 'none' never asked for a credential: the check still runs before any use.
      if (!runPreAuth() || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ client, hostKeyFingerprint: hostKey.seen ?? '' });
    });
    client.on('error', (err) => fail(classifyConnectionError(err, target, hostKey)));
    client.on('close', () =>
      fail(
        new NetRavenError('UNREACHABLE', `${target.label}: the connection closed before login completed; check that the host runs an SSH server on port ${target.port}`, {
          details: { host: target.host, port: target.port, stage: 'connect' },
        }),
      ),
    );

    let socket: Socket | undefined;
    try {
      // Algorithms first: a bad override must fail before any socket exists.
      const algorithms = buildAlgorithms(target.driverAlgorithms, target.algorithms);
      const config: ConnectConfig = {
        username: target.login.username,
        password: target.login.password,
        privateKey: target.login.privateKey,
        passphrase: target.login.passphrase,
        tryKeyboard: target.login.password !== undefined,
        authHandler: target.preAuth === undefined ? authMethods(target.login) : checkedAuth(authMethods(target.login), runPreAuth),
        hostVerifier: createHostVerifier(target.hostKeyFingerprint, hostKey),
        readyTimeout: 0,
        keepaliveInterval: 0,
        algorithms,
      };
      if (target.sock === undefined) socket = directSocket(target.host, target.port);
      if (target.preAuth !== undefined) {
        sniffIdent((target.sock ?? socket)!, (ident) => {
          preAuthSeen.ident = ident;
        });
      }
      client.connect({ ...config, sock: (target.sock ?? socket) as ConnectConfig['sock'] });
    } catch (err) {
      // ssh2 rejects a bad key or algorithm name before it takes ownership of the socket.
      socket?.destroy();
      // ssh2 throws synchronously for unknown algorithm names and unreadable keys: bad input, not a device fault.
      const reason = err instanceof Error ? err.message : String(err);
      fail(
        err instanceof NetRavenError
          ? err
          : new NetRavenError('INPUT_INVALID', `${target.label}: cannot start SSH: ${reason}; check the algorithm overrides or the private key`, {
              details: { host: target.host, port: target.port, stage: 'connect' },
            }),
      );
    }
  });
}
