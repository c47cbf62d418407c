/**
 * The real `netraven` binary in a pseudo-terminal (node-pty), its output fed to a headless
 * xterm (@xterm/headless), so a test reads the screen as a terminal shows it. A developer's
 * own NetRaven variables are removed from the child's environment, and CI too (the binary
 * ignores it for Ink; a test that wants it passes it in `env`).
 */
import xterm from '@xterm/headless';
import pty from 'node-pty';
import path from 'node:path';
import { screenOf, waitForScreen } from './xterm-screen.js';

// A CommonJS package: its default export is what Node's ESM loader (benchmarks under tsx) and vitest agree on.
const { Terminal } = xterm;

// Not from cli.ts: that module needs vitest, and benchmarks drive the console outside it.
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/netraven.mjs');
const DROPPED = ['CI', 'DATABASE_URL', 'NETRAVEN_HOME', 'NETRAVEN_KEY_FILE', 'KEYROTATION_DATABASE_URL', 'NETRAVEN_TEST_FAULT', 'NO_COLOR', 'FORCE_COLOR'];

export interface PtyConsole {
  /** The visible rows as text (trailing spaces trimmed). */
  screen(): string[];
  /** Waits until the screen shows the text (or passes the test); fails with the screen. */
  waitFor(what: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Types keys (raw sequences: '\x1b' Esc, '\r' Enter, '\x03' Ctrl-C). */
  send(data: string): void;
  /** `:` then the screen's name, then Enter, each once the console shows the previous one; resolves when the header names the screen. */
  jump(screen: string): Promise<string>;
  resize(columns: number, rows: number): void;
  /** The terminal shows the alternate screen buffer. */
  alternateScreen(): boolean;
  /** The cursor is hidden (DECTCEM off). */
  cursorHidden(): boolean;
  /** The foreground colour of the first cell of the first visible row starting with `text`: a palette index, -1 for the default, undefined without such a row. */
  cellColour(text: string): number | undefined;
  /** The text of the first visible row drawn in reverse video (a list's selection), if any. */
  selectedRow(): string | undefined;
  /** Calls listener each time output has been parsed into the screen (benchmarks time frames with it); returns a function that stops it. */
  onScreenUpdate(listener: () => void): () => void;
  /** Everything the program wrote, raw. */
  output(): string;
  pid: number;
  exit: Promise<{ exitCode: number; signal?: number }>;
  kill(signal?: string): void;
}

const running: PtyConsole[] = [];
// In tests every console is killed after its test; benchmarks (no vitest) stop theirs themselves.
if (process.env.VITEST) {
  const { afterEach } = await import('vitest');
  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
  });
}

export function spawnInPty(args: string[], env: Record<string, string>, size = { columns: 80, rows: 24 }, nodeArgs: string[] = []): PtyConsole {
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !DROPPED.includes(key)) childEnv[key] = value;
  Object.assign(childEnv, { TERM: 'xterm-256color' }, env);
  const term = new Terminal({ cols: size.columns, rows: size.rows, allowProposedApi: true });
  const child = pty.spawn(process.execPath, [...nodeArgs, CLI, ...args], { name: 'xterm-256color', cols: size.columns, rows: size.rows, cwd: ROOT, env: childEnv });
  let raw = '';
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    term.write(data, () => {
      for (const listener of listeners) listener();
    });
  });
  const exit = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const screen = () => screenOf(term);
  const handle: PtyConsole = {
    pid: child.pid,
    exit,
    screen,
    output: () => raw,
    send: (data) => child.write(data),
    resize(columns, rows) {
      child.resize(columns, rows);
      term.resize(columns, rows);
    },
    alternateScreen: () => term.buffer.active.type === 'alternate',
    cursorHidden: () => (term as unknown as { _core: { coreService: { isCursorHidden: boolean } } })._core.coreService.isCursorHidden,
    selectedRow() {
      const buffer = term.buffer.active;
      for (let i = 0; i < term.rows; i++) {
        const line = buffer.getLine(buffer.viewportY + i);
        if (line?.getCell(0)?.isInverse()) return line.translateToString(true);
      }
      return undefined;
    },
    onScreenUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cellColour(text) {
      const buffer = term.buffer.active;
      for (let i = 0; i < term.rows; i++) {
        const line = buffer.getLine(buffer.viewportY + i);
        if (!line?.translateToString(true).startsWith(text)) continue;
        const cell = line.getCell(0);
        return cell?.isFgPalette() ? cell.getFgColor() : -1;
      }
      return undefined;
    },
    waitFor: (what, timeoutMs = 30_000) => waitForScreen(term, what, timeoutMs),
    async jump(name) {
      handle.send(':');
      await handle.waitFor(/^:/m);
      handle.send(name);
      await handle.waitFor(new RegExp(`^:${name}`, 'm'));
      handle.send('\r');
      return handle.waitFor(`│ ${name} │`);
    },
    kill(signal = 'SIGTERM') {
      try {
        child.kill(signal);
      } catch {
        // Already gone.
      }
    },
  };
  running.push(handle);
  return handle;
}
