/**
 * A terminal made of an SSH channel, for one Ink instance: stdout and stdin objects of their
 * own (Ink caches one instance per stdout object, so sessions never share one), sized by the
 * client's pty request and its window-change requests.
 *
 * There is no pseudo-terminal on the server side, so no line discipline: the client's terminal
 * is raw (OpenSSH clears OPOST while a session has a pty), and a bare "\n" would move down
 * without returning to column 0. Output is written with "\r\n" here, as a pty's ONLCR would.
 */
import { PassThrough, Writable } from 'node:stream';

/** Sizes a client may ask for are clamped to these (columns, rows); 0 means "unknown" (RFC 4254 6.2) and gives 80×24. */
export const MAX_COLUMNS = 500;
export const MAX_ROWS = 200;
const DEFAULT_SIZE = { columns: 80, rows: 24 };

/** A client's window-change requests take effect at most this often (ms); the last one always does. */
export const RESIZE_INTERVAL_MS = 50;

/** What the terminal writes into and reads from: an ssh2 server channel (a duplex stream). */
export interface ChannelLike {
  write(data: string | Buffer): boolean;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  readonly writable?: boolean;
  readonly destroyed?: boolean;
}

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** A requested size made safe: whole numbers within 1…MAX, 0 or garbage becomes 80×24. */
export function clampSize(columns: unknown, rows: unknown): TerminalSize {
  const fit = (value: unknown, max: number, fallback: number) => {
    const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : 0;
    return n <= 0 ? fallback : Math.min(n, max);
  };
  return { columns: fit(columns, MAX_COLUMNS, DEFAULT_SIZE.columns), rows: fit(rows, MAX_ROWS, DEFAULT_SIZE.rows) };
}

export interface ChannelTerminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Applies a window-change (clamped; a flood is thinned to one resize per RESIZE_INTERVAL_MS). */
  resize(columns: unknown, rows: unknown): void;
  /** Stops writing into the channel and reading from it (the session ended). */
  close(): void;
}

/** The stdout/stdin pair Ink renders into for one channel; `onInput` hears every byte the client types. */
export function channelTerminal(channel: ChannelLike, size: TerminalSize, onInput: () => void): ChannelTerminal {
  let closed = false;
  const stdout = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      if (!closed && channel.writable !== false && !channel.destroyed) {
        channel.write(String(chunk).replace(/\r?\n/g, '\r\n'));
      }
      callback();
    },
  }) as unknown as NodeJS.WriteStream & { columns: number; rows: number };
  Object.assign(stdout, { isTTY: true, columns: size.columns, rows: size.rows });
  // Ink's own error output and React's warnings: never into the operator's frame.
  const stderr = new Writable({ write: (_chunk, _encoding, callback) => callback() }) as unknown as NodeJS.WriteStream;

  const input = new PassThrough();
  Object.assign(input, {
    isTTY: true,
    // The client's terminal is already raw (it asked for a pty); nothing to switch here.
    setRawMode: () => input,
    ref: () => input,
    unref: () => input,
  });
  channel.on('data', (data: Buffer) => {
    if (closed) return;
    onInput();
    input.write(data);
  });

  let pending: TerminalSize | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastResize = 0;
  const apply = (next: TerminalSize) => {
    lastResize = Date.now();
    if (next.columns === stdout.columns && next.rows === stdout.rows) return;
    stdout.columns = next.columns;
    stdout.rows = next.rows;
    stdout.emit('resize');
  };
  return {
    stdin: input as unknown as NodeJS.ReadStream,
    stdout,
    stderr,
    resize(columns, rows) {
      if (closed) return;
      pending = clampSize(columns, rows);
      if (timer) return;
      const wait = RESIZE_INTERVAL_MS - (Date.now() - lastResize);
      if (wait <= 0) {
        apply(pending);
        pending = undefined;
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        if (pending && !closed) apply(pending);
        pending = undefined;
      }, wait);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      input.end();
    },
  };
}
