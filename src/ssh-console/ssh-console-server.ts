/**
 * `netraven serve-ssh`'s server: ssh2 with the console's host key, public-key logins checked
 * against the operators (signature verified), failed attempts and waiting connections
 * limited per address (login-guard.ts), session limits from the console.* settings, and every
 * request but pty/env/window-change/shell refused (exec, sftp and other subsystems, X11, agent
 * forwarding, port forwarding, Unix sockets). Each shell is one console session
 * (console-session.ts); a session failing or a client vanishing ends that session only.
 */
import type net from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';
import type { Logger } from 'pino';
import type { ConsoleServer, SessionLimits } from '../console/console-server.js';
import { sshActor } from '../console/actor.js';
import { errorFields } from '../jobs/logger.js';
import { clampSize, type TerminalSize } from './channel-terminal.js';
import { runConsoleSession, type EndReason, type RunningSession } from './console-session.js';
import type { HostKey } from './host-key.js';
import { addressOf, createLoginFront } from './login-front.js';
import { LoginGuard, type LoginGuardOptions } from './login-guard.js';
import { checkPublicKey, indexOperatorKeys, type OperatorKey } from './operator-keyring.js';

/** Session channels open at once on one connection (OpenSSH's MaxSessions is 10). */
const MAX_CHANNELS_PER_CONNECTION = 10;
/** Sessions are told the server stops, then closed; what is left after this is cut (ms). */
export const STOP_GRACE_MS = 5_000;

export interface SshConsoleOptions {
  hostKey: HostKey;
  console: ConsoleServer;
  logger: Logger;
  host: string;
  port: number;
  /** Failed-login and waiting-connection limits (defaults: login-guard.ts). */
  loginGuard?: LoginGuardOptions;
}

export interface SshConsole {
  /** Where it listens (the port chosen when 0 was asked). */
  address(): { host: string; port: number };
  /** Console sessions open now. */
  sessions(): number;
  /** Stops accepting, tells every session the server stops, closes them (at most STOP_GRACE_MS), closes the console server. */
  stop(): Promise<void>;
}

interface OpenSession {
  id: number;
  key: OperatorKey;
  running?: RunningSession;
}

/** Starts listening; rejects with the listen error (EADDRINUSE…) as the caller maps it. */
export async function startSshConsole(options: SshConsoleOptions): Promise<SshConsole> {
  const { logger } = options;
  const guard = new LoginGuard(options.loginGuard);
  const sweepTimer = setInterval(() => guard.sweep(), 60_000).unref();
  let index = indexOperatorKeys(await options.console.operators(), (operator) => logger.warn({ operator }, 'ssh: a stored key of this operator cannot be read; it is ignored'));
  let limits: SessionLimits = await options.console.limits();
  const sessions = new Set<OpenSession>();
  let nextId = 1;
  let stopping = false;

  // console.operators or console.* changed (netraven operators / settings set, any process).
  const unsubscribe = options.console.onSettingsChanged(() => {
    void Promise.all([options.console.operators(), options.console.limits()]).then(
      ([operators, next]) => {
        index = indexOperatorKeys(operators);
        limits = next;
        for (const session of sessions) {
          const now = index.get(session.key.blob.toString('base64'));
          if (!now || now.operator !== session.key.operator || now.role !== session.key.role) void session.running?.end('operator-changed');
        }
      },
      (err: unknown) => logger.error(errorFields(err), 'ssh: could not re-read the operators and limits; keeping the previous ones'),
    );
  });

  const ssh = new ssh2.Server({ hostKeys: [options.hostKey.privateKey], ident: 'NetRaven' });
  const front = createLoginFront({ guard, logger, stopping: () => stopping, inject: (socket) => ssh.injectSocket(socket) });
  ssh.on('connection', (client: Connection, info: { ip: string; port: number }) => {
    // ssh2 tells which socket a connection is by its peer's address and port.
    const clientAddress = addressOf({ remoteAddress: info.ip, remotePort: info.port });
    const settle = front.loggedIn(clientAddress);
    let key: OperatorKey | undefined;
    let attempts = 0;
    let channels = 0;
    client.on('error', (err) => logger.debug({ clientAddress, ...errorFields(err) }, 'ssh: connection error'));
    client.on('authentication', (ctx) => {
      attempts += 1;
      const refuse = (reason: string, counts: boolean) => {
        ctx.reject(['publickey']);
        if (!counts) return;
        logger.info({ clientAddress, method: ctx.method, reason }, 'ssh: login refused');
        if (guard.fail(info.ip)) logger.warn({ address: info.ip }, 'ssh: too many failed logins from this address: refused for a minute');
        if (guard.blocked(info.ip) || attempts > 20) client.end();
      };
      // Clients send `none` first to learn the methods (RFC 4252 5.2): not a failed attempt.
      if (ctx.method === 'none') return refuse('none', false);
      if (ctx.method !== 'publickey') return refuse(`method ${ctx.method} is not accepted: public keys only`, true);
      const check = checkPublicKey(index, ctx);
      if (check.result === 'unknown') return refuse('unknown key', true);
      if (check.result === 'bad-signature') return refuse(`signature does not verify for key ${check.key.fingerprint}`, true);
      if (check.result === 'known') return ctx.accept();
      key = check.key;
      ctx.accept();
    });
    client.on('ready', () => {
      settle?.();
      logger.info({ clientAddress, operator: key!.operator, role: key!.role, keyFingerprint: key!.fingerprint }, 'ssh: logged in');
      void options.console.recordLogin(key!.operator).catch((err: unknown) => logger.warn(errorFields(err), 'ssh: could not record the login time'));
    });
    // Port forwarding, Unix sockets, X11 and agent forwarding: never.
    client.on('tcpip', (_accept, reject) => reject());
    client.on('openssh.streamlocal', (_accept, reject) => reject());
    client.on('request', (_accept, reject, name) => {
      logger.info({ clientAddress, request: name }, 'ssh: global request refused');
      reject?.();
    });
    client.on('session', (accept, reject) => {
      if (!key || channels >= MAX_CHANNELS_PER_CONNECTION || stopping) return reject();
      channels += 1;
      const session = accept();
      let size: TerminalSize | undefined;
      let term: string | undefined;
      let noColour: string | undefined;
      let running: RunningSession | undefined;
      const refuseRequest = (what: string) => (_accept: unknown, reject: (() => void) | undefined) => {
        logger.info({ clientAddress, operator: key!.operator, request: what }, 'ssh: request refused');
        reject?.();
      };
      session.on('exec', refuseRequest('exec'));
      session.on('subsystem', refuseRequest('subsystem'));
      session.on('sftp', refuseRequest('sftp'));
      session.on('x11', refuseRequest('x11'));
      session.on('auth-agent', refuseRequest('auth-agent'));
      session.on('signal', refuseRequest('signal'));
      session.on('pty', (acceptPty, _reject, ptyInfo) => {
        size = clampSize(ptyInfo.cols, ptyInfo.rows);
        term = typeof ptyInfo.term === 'string' ? ptyInfo.term.slice(0, 64) : undefined;
        acceptPty?.();
      });
      session.on('window-change', (acceptChange, _reject, change) => {
        if (running) running.resize(change.cols, change.rows);
        else if (size) size = clampSize(change.cols, change.rows);
        acceptChange?.();
      });
      session.on('env', (acceptEnv, rejectEnv, env) => {
        if (env.key !== 'NO_COLOR') return rejectEnv?.();
        noColour = String(env.val).slice(0, 16) || '1';
        acceptEnv?.();
      });
      session.on('close', () => {
        channels -= 1;
      });
      session.on('shell', (acceptShell) => {
        const channel = acceptShell();
        const opened = openConsole(channel, key!, clientAddress, size, { TERM: term, NO_COLOR: noColour }, client);
        if (opened) running = opened;
      });
    });
  });

  /** One line to the client and the channel closed (no pty, console full, too many sessions). */
  const turnAway = (channel: ServerChannel, line: string, client?: Connection) => {
    channel.write(`${line}\r\n`);
    channel.exit(1);
    channel.end();
    if (client) setTimeout(() => client.end(), 100).unref();
  };

  const openConsole = (channel: ServerChannel, key: OperatorKey, clientAddress: string, size: TerminalSize | undefined, env: { TERM?: string; NO_COLOR?: string }, client: Connection): RunningSession | undefined => {
    const who = { operator: key.operator, role: key.role, keyFingerprint: key.fingerprint, clientAddress };
    if (!size) {
      turnAway(channel, `NetRaven: the console needs a terminal: connect with \`ssh -t -p ${options.port} HOST\``);
      return undefined;
    }
    const mine = [...sessions].filter((s) => s.key.operator === key.operator).length;
    if (sessions.size >= limits.maxSessions) {
      logger.warn({ ...who, sessions: sessions.size }, 'ssh: console full, session refused');
      turnAway(channel, `NetRaven: the console is full (${limits.maxSessions} sessions open, setting console.max_sessions): try again later`, client);
      return undefined;
    }
    if (mine >= limits.maxSessionsPerOperator) {
      logger.warn({ ...who, sessions: mine }, 'ssh: operator at the session limit, session refused');
      turnAway(channel, `NetRaven: ${key.operator} already has ${mine} sessions open (setting console.max_sessions_per_operator): close one first`, client);
      return undefined;
    }
    const open: OpenSession = { id: nextId++, key };
    sessions.add(open);
    const started = Date.now();
    const log = logger.child({ session: open.id, ...who });
    const actor = sshActor(key.role, { operator: key.operator, keyFingerprint: key.fingerprint, clientAddress });
    let pending: RunningSession | undefined;
    const earlyEnd = new Set<EndReason>();
    channel.on('close', () => earlyEnd.add('disconnected'));
    const finish = (reason: EndReason) => {
      sessions.delete(open);
      log.info({ reason, durationMs: Date.now() - started }, 'ssh: session closed');
    };
    log.info({ columns: size.columns, rows: size.rows, term: env.TERM, noColor: Boolean(env.NO_COLOR) }, 'ssh: session opened');
    const proxy: RunningSession = {
      resize: (columns, rows) => {
        if (pending) pending.resize(columns, rows);
        else size = clampSize(columns, rows);
      },
      end: async (reason) => {
        if (pending) return pending.end(reason);
        earlyEnd.add(reason);
      },
    };
    options.console
      .openSession(actor, {
        onAction: (record) => log.info({ ...record }, 'ssh: action'),
        onRefused: (what, needs) => log.warn({ action: what, needs }, 'ssh: action refused for the role'),
        onAuditFailed: (err) => log.error(errorFields(err), 'ssh: could not write the audit line'),
      })
      .then(
        (services) => {
          pending = runConsoleSession({
            channel,
            services,
            size: size!,
            env,
            idleTimeoutMs: limits.idleTimeoutMs,
            onScreenError: (err) => log.error({ ...errorFields(err), stack: err instanceof Error ? err.stack : undefined }, 'ssh: console error in this session'),
            onEnded: finish,
          });
          open.running = pending;
          const early = [...earlyEnd][0];
          if (early) void pending.end(early);
        },
        (err: unknown) => {
          log.error(errorFields(err), 'ssh: could not open the console services');
          sessions.delete(open);
          turnAway(channel, 'NetRaven: the console could not start (the database may be unreachable): try again shortly');
        },
      );
    open.running = proxy;
    return proxy;
  };

  const tcp = front.server;
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, options.host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  tcp.on('error', (err) => logger.error(errorFields(err), 'ssh: listener error'));
  const bound = tcp.address() as net.AddressInfo;
  logger.info({ host: bound.address, port: bound.port, hostKeyFingerprint: options.hostKey.fingerprint, operators: index.size }, 'ssh: listening');

  return {
    address: () => ({ host: bound.address, port: bound.port }),
    sessions: () => sessions.size,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(sweepTimer);
      unsubscribe();
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      const ends = [...sessions].map((s) => s.running?.end('stopping'));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.all(ends), timeout]);
      await front.closeAll(100);
      await Promise.race([closed, timeout]);
      await options.console.close();
      logger.info({}, 'ssh: stopped');
    },
  };
}
