/** One simulated device: an ssh2 Server on 127.0.0.1 (free port) replaying its driver's transcript. */
import { timingSafeEqual } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ServerConfig } from 'ssh2';
import type { DeviceBehaviour, SimulatedAuthMethod, SimulatedUser } from './behaviour.js';
import { alternateHostKey, legacyHostKey, modernHostKey } from './host-keys.js';
import { serveExec } from './simulated-exec.js';
import { SimulatedShell } from './simulated-shell.js';
import { loadTranscript, type Transcript } from './transcript.js';

// ssh2 is CommonJS: Server and utils are only reachable through the default export under ESM.
const { Server, utils } = ssh2;

export interface SimulatedDeviceOptions extends DeviceBehaviour {
  driver: string;
  /** A variant of the driver's transcript: the sub-folder of its fixtures holding the differences. */
  transcript?: string;
  hostname?: string;
  /** Only these users can log in (default: admin / admin-pass). */
  users?: SimulatedUser[];
  /** Enable secret; when absent, "enable" succeeds without a password. */
  enableSecret?: string;
}

export interface SimulatedDevice {
  host: string;
  port: number;
  hostname: string;
  driver: string;
  hostKeyFingerprint: string;
  /** Number of SSH connections accepted so far. */
  connections(): number;
  /** Authentication requests received (any method, 'none' included): proves whether credentials were sent. */
  authAttempts(): number;
  /** The authentication methods clients used, in order ('none', 'password'…): proves no secret was offered. */
  authMethodsSeen(): string[];
  /** Everything clients typed into interactive shells so far (proves what was, and was not, answered). */
  typed(): string;
  close(): Promise<void>;
}

export const DEFAULT_USER: SimulatedUser = { username: 'admin', password: 'admin-pass' };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function findUser(users: SimulatedUser[], transcript: Transcript, username: string): SimulatedUser | undefined {
  const name = transcript.stripUsernameSuffix === true ? username.replace(/\+[a-z0-9]*$/i, '') : username;
  return users.find((u) => u.username === name);
}

function authenticate(ctx: AuthContext, users: SimulatedUser[], transcript: Transcript, methods: SimulatedAuthMethod[]): void {
  const user = findUser(users, transcript, ctx.username);
  if (ctx.method === 'password' && methods.includes('password')) {
    return user?.password !== undefined && same(ctx.password, user.password) ? ctx.accept() : ctx.reject(methods);
  }
  if (ctx.method === 'keyboard-interactive' && methods.includes('keyboard-interactive')) {
    ctx.prompt([{ prompt: 'Password: ', echo: false }], 'Login', '', (answers) => {
      const answer = answers[0] ?? '';
      return user?.password !== undefined && same(answer, user.password) ? ctx.accept() : ctx.reject(methods);
    });
    return;
  }
  if (ctx.method === 'publickey' && methods.includes('publickey') && user?.publicKey !== undefined) {
    const allowed = utils.parseKey(user.publicKey);
    if (allowed instanceof Error || allowed.type !== ctx.key.algo || !allowed.getPublicSSH().equals(ctx.key.data)) return ctx.reject(methods);
    if (ctx.signature === undefined) return ctx.accept();
    return allowed.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(methods);
  }
  ctx.reject(methods);
}

function serveConnection(client: Connection, options: SimulatedDeviceOptions, transcript: Transcript, retrieval: () => number, onAuth: (method: string) => void, onTyped: (text: string) => void): void {
  const users = options.users ?? [DEFAULT_USER];
  const methods = options.authMethods ?? ['password', 'keyboard-interactive', 'publickey'];
  let username = '';
  client.on('authentication', (ctx) => {
    onAuth(ctx.method);
    username = ctx.username.replace(/\+[a-z0-9]*$/i, '');
    // A platform with its own login in the shell (AireOS) lets any SSH authentication through: the shell checks.
    if ((options.inShellLogin ?? transcript.inShellLogin) !== undefined && ctx.method !== 'none') return ctx.accept();
    authenticate(ctx, users, transcript, methods);
  });
  client.on('error', () => undefined);
  client.on('ready', () => {
    client.on('session', (accept) => {
      const session = accept();
      session.on('pty', (ok) => ok?.());
      session.on('window-change', (ok) => ok?.());
      const render = { hostname: options.hostname ?? 'sim', username, retrieval: retrieval(), changingTimestamp: options.changingTimestamp === true };
      session.on('shell', (ok) => {
        const stream = ok();
        const account = findUser(users, transcript, username);
        const behaviour = account?.loginQuestions === undefined ? options : { ...options, loginQuestions: account.loginQuestions };
        new SimulatedShell(stream, transcript, behaviour, options.enableSecret, render, onTyped, users).start();
      });
      session.on('exec', (ok, _reject, info) => serveExec(ok(), info.command, transcript, options, render));
    });
    client.on('tcpip', (accept, reject, info) => {
      // Jump host role: forward only to this machine, never anywhere else.
      if (options.allowForwarding !== true || (info.destIP !== '127.0.0.1' && info.destIP !== 'localhost')) return reject();
      const upstream = connect(info.destPort, '127.0.0.1');
      upstream.once('connect', () => {
        const channel = accept();
        channel.pipe(upstream).pipe(channel);
        channel.on('close', () => upstream.destroy());
        upstream.on('close', () => channel.end());
      });
      upstream.once('error', () => reject());
    });
  });
}

/** Starts one simulated device on 127.0.0.1 with a free port. */
export async function startSimulatedDevice(options: SimulatedDeviceOptions): Promise<SimulatedDevice> {
  const transcript = loadTranscript(options.driver, options.transcript);
  const hostname = options.hostname ?? `sim-${options.driver.replace(/_/g, '-')}`;
  const opts = { ...transcript.simulate, ...options, hostname };
  const key = opts.legacyAlgorithmsOnly ? legacyHostKey() : opts.alternateHostKey ? alternateHostKey() : modernHostKey();
  const config: ServerConfig = { hostKeys: [key.privateKey], banner: opts.banner, ident: opts.sshIdent ?? transcript.sshIdent };
  if (opts.legacyAlgorithmsOnly) {
    config.algorithms = { kex: ['diffie-hellman-group1-sha1'], cipher: ['aes128-cbc'], serverHostKey: ['ssh-rsa'], hmac: ['hmac-sha1'] };
  }
  let count = 0;
  const methodsSeen: string[] = [];
  const typed: string[] = [];
  const ssh = new Server(config, (client) => {
    count += 1;
    serveConnection(
      client,
      opts,
      transcript,
      () => count,
      (method) => {
        methodsSeen.push(method);
      },
      (text) => typed.push(text),
    );
  });
  const sockets = new Set<Socket>();
  const tcp = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = tcp.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    hostname,
    driver: opts.driver,
    hostKeyFingerprint: key.fingerprint,
    connections: () => count,
    authAttempts: () => methodsSeen.length,
    authMethodsSeen: () => [...methodsSeen],
    typed: () => typed.join(''),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}
