/**
 * An operator's SSH client for tests: a real ssh2 Client logging in with a key, asking for a
 * pty and a shell, its channel's output fed to a headless xterm (@xterm/headless) so a test
 * reads the screen as the operator's terminal shows it. Every client is closed after the test.
 */
import { Terminal } from '@xterm/headless';
import ssh2, { type ClientChannel, type ConnectConfig } from 'ssh2';
import { afterEach } from 'vitest';
import { screenOf, waitForScreen } from './xterm-screen.js';

const { Client } = ssh2;

export interface SshTerminal {
  client: ssh2.Client;
  channel: ClientChannel;
  /** The visible rows (trailing spaces trimmed). */
  screen(): string[];
  /** Waits until the screen shows it; fails with the screen. */
  waitFor(what: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  send(data: string | Buffer): void;
  /** Resizes the local terminal and sends window-change. */
  resize(columns: number, rows: number): void;
  /** Everything the server wrote, raw. */
  output(): string;
  alternateScreen(): boolean;
  /** Resolves when the channel closed, with the exit code the server sent (if any). */
  closed: Promise<{ code?: number }>;
  close(): void;
}

export interface SshTerminalOptions {
  port: number;
  privateKey: string;
  columns?: number;
  rows?: number;
  term?: string;
  env?: Record<string, string>;
  /** False: no pty request (as `ssh -T`). */
  pty?: boolean;
  /** ms to wait for the login (default 20 000). */
  readyTimeout?: number;
  hostVerifier?: ConnectConfig['hostVerifier'];
}

const open: ssh2.Client[] = [];
afterEach(() => {
  for (const client of open.splice(0)) client.end();
});

/** Connects and logs in; resolves with the client, rejects with the client's error (a refused login: "All configured authentication methods failed"). */
export function connectSsh(config: ConnectConfig): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    open.push(client);
    // Errors after the login (a reset when the server closes) are the test's business, not unhandled.
    client.on('error', () => undefined);
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before login')));
    client.connect({ host: '127.0.0.1', readyTimeout: 20_000, ...config });
  });
}

/** Logs in and opens the console in a shell channel with a pty. */
export async function openSshTerminal(options: SshTerminalOptions): Promise<SshTerminal> {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const client = await connectSsh({ port: options.port, privateKey: options.privateKey, readyTimeout: options.readyTimeout, hostVerifier: options.hostVerifier, username: 'anyone' });
  client.on('error', () => undefined);
  const term = new Terminal({ cols: columns, rows, allowProposedApi: true });
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    const pty = options.pty === false ? false : { cols: columns, rows, term: options.term ?? 'xterm-256color' };
    client.shell(pty as ssh2.PseudoTtyOptions, { env: options.env }, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
  let raw = '';
  channel.on('data', (data: Buffer) => {
    raw += data.toString('utf8');
    term.write(data);
  });
  channel.stderr.on('data', () => undefined);
  let code: number | undefined;
  channel.on('exit', (c: number | null) => (code = c ?? undefined));
  // Resolved once the terminal has drawn everything that arrived (xterm parses asynchronously).
  const closed = new Promise<{ code?: number }>((resolve) => channel.on('close', () => term.write('', () => resolve({ code }))));
  const screen = () => screenOf(term);
  return {
    client,
    channel,
    screen,
    output: () => raw,
    alternateScreen: () => term.buffer.active.type === 'alternate',
    send: (data) => void channel.write(data),
    resize(c, r) {
      term.resize(c, r);
      channel.setWindow(r, c, 0, 0);
    },
    closed,
    close: () => client.end(),
    waitFor: (what, timeoutMs = 20_000) => waitForScreen(term, what, timeoutMs),
  };
}
