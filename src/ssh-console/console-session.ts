/**
 * One operator's console in one SSH channel: its own Ink instance over the channel
 * (channel-terminal.ts), its own guarded and audited console services, an idle timer reset
 * by every key, and one ending however it comes (the operator quits, the client goes away,
 * the idle timeout, the server stopping, the operator's key removed): Ink unmounted, the
 * client's terminal given back (main screen, cursor shown), one line saying why, the
 * session's live subscriptions released.
 */
import type { ServerChannel } from 'ssh2';
import type { ConsoleServices } from '../console/console-services.js';
import { startConsole, type ConsoleSession } from '../tui/run-console.js';
import { channelTerminal, type ChannelTerminal, type TerminalSize } from './channel-terminal.js';

/** Why a session ended; the line the operator sees for each is in END_LINES. */
export type EndReason = 'quit' | 'disconnected' | 'idle' | 'stopping' | 'operator-changed' | 'failed';

function endLine(reason: EndReason, idleMs: number): string | undefined {
  switch (reason) {
    case 'idle':
      return `NetRaven: session closed after ${formatMinutes(idleMs)} without a key typed (setting console.idle_timeout_seconds)`;
    case 'stopping':
      return 'NetRaven: the console server is stopping; session closed';
    case 'operator-changed':
      return 'NetRaven: your operator key or role was changed; session closed (log in again)';
    case 'failed':
      return 'NetRaven: the console failed in this session; session closed (the server log has the details)';
    default:
      return undefined;
  }
}

function formatMinutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export interface ConsoleSessionOptions {
  channel: ServerChannel;
  services: ConsoleServices;
  size: TerminalSize;
  /** NO_COLOR and TERM as the client sent them (TERM `dumb` means no colour). */
  env: { TERM?: string; NO_COLOR?: string };
  idleTimeoutMs: number;
  /** A screen's render error (its stack for the log; the operator sees one line). */
  onScreenError(err: unknown): void;
  /** Called once, after the terminal was given back and the services closed. */
  onEnded(reason: EndReason): void;
}

/** A running session; `end` is idempotent. */
export interface RunningSession {
  resize(columns: unknown, rows: unknown): void;
  end(reason: EndReason): Promise<void>;
}

/** Starts the console in the channel (the client asked for a pty and a shell). */
export function runConsoleSession(options: ConsoleSessionOptions): RunningSession {
  const { channel, services } = options;
  let idleTimer: NodeJS.Timeout | undefined;
  let ending: Promise<void> | undefined;
  const armIdle = () => {
    if (idleTimer) idleTimer.refresh();
    else idleTimer = setTimeout(() => void end('idle'), options.idleTimeoutMs);
  };
  const terminal: ChannelTerminal = channelTerminal(channel, options.size, armIdle);
  armIdle();
  const env = { TERM: options.env.TERM, NO_COLOR: options.env.NO_COLOR ?? (options.env.TERM === 'dumb' ? '1' : undefined) };
  let session: ConsoleSession | undefined;

  const end = (reason: EndReason): Promise<void> => {
    ending ??= (async () => {
      if (idleTimer) clearTimeout(idleTimer);
      try {
        session?.stop();
      } catch {
        // An unmount that throws must not keep the channel open.
      }
      const line = endLine(reason, options.idleTimeoutMs);
      if (reason !== 'disconnected') {
        if (line) terminal.stdout.write(`${line}\n`);
        terminal.close();
        if (channel.writable) {
          channel.exit(reason === 'quit' ? 0 : 1);
          channel.end();
        }
      } else {
        terminal.close();
      }
      await services.close().catch(() => undefined);
      options.onEnded(reason);
    })();
    return ending;
  };

  channel.on('close', () => void end('disconnected'));
  channel.on('error', () => void end('disconnected'));
  try {
    session = startConsole(services, { stdin: terminal.stdin, stdout: terminal.stdout, stderr: terminal.stderr, env }, { onError: options.onScreenError });
    session.done.then(
      () => void end('quit'),
      (err: unknown) => {
        options.onScreenError(err);
        void end('failed');
      },
    );
  } catch (err) {
    options.onScreenError(err);
    void end('failed');
  }
  return {
    resize: (columns, rows) => terminal.resize(columns, rows),
    end,
  };
}
