/**
 * Renders the real console (App) with ink-testing-library (test/support/ink-terminal.tsx: the
 * library's render at a size we choose), on the real console services over the file's test
 * database: `lastFrame()`, `press()`, `resize()`, `waitFor()`, keys by name.
 */
import React from 'react';
import { afterEach } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../src/console/console-services.js';
import type { Actor } from '../../src/console/actor.js';
import type { KeyringSource } from '../../src/credentials/keyring-source.js';
import { App } from '../../src/tui/app.js';
import { dropUnsafeSequences } from '../../src/tui/input-guard.js';
import { BannerProvider } from '../../src/tui/context/banner.js';
import { ServicesProvider } from '../../src/tui/context/services.js';
import { ThemeProvider } from '../../src/tui/context/theme.js';
import { KeymapProvider } from '../../src/tui/keys/keymap.js';
import { createTheme, enableColourOutput } from '../../src/tui/theme.js';
import type { TestDatabase } from './database.js';
import { renderInTerminal, type InkTerminal } from './ink-terminal.js';
import { tempKeyring } from './keyring.js';

/** Text without SGR sequences (colours, bold, reverse video). */
export function stripSgr(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Keys by name, as a terminal sends them. */
export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlR: '\x12',
  ctrlU: '\x15',
} as const;

export interface ConsoleHarness {
  services: ConsoleServices;
  /** The last frame Ink wrote (the whole screen in debug mode), without SGR codes. */
  lastFrame(): string;
  /** The last frame as written, SGR codes (colour, reverse video) included. */
  rawFrame(): string;
  /** The text of the first row below the header shown in reverse video (the selection), or undefined. */
  selectedRow(): string | undefined;
  /** Every frame written so far. */
  frames(): readonly string[];
  /** Sends keys one at a time (names from KEYS or literal text), letting Ink handle each. */
  press(...keys: string[]): Promise<void>;
  resize(columns: number, rows: number): void;
  /** Waits until the last frame contains the text (or passes the test); fails with the frame. */
  waitFor(what: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resolves when the console exited by itself (q, Ctrl-C). */
  exited(): Promise<void>;
  /** Errors screens reported to the error log. */
  errors: unknown[];
}

const mounted: Array<{ terminal: InkTerminal; services?: ConsoleServices }> = [];
afterEach(async () => {
  for (const { terminal, services } of mounted.splice(0)) {
    terminal.unmount();
    await services?.close();
  }
});

export interface RenderOptions {
  columns?: number;
  rows?: number;
  colour?: boolean;
  keyring?: KeyringSource;
  actor?: Actor;
}

/** A component inside the console's providers (no screen), in a fake terminal; for component tests. */
export function renderComponent(node: React.ReactElement, options: { columns?: number; rows?: number; colour?: boolean; services?: ConsoleServices } = {}): Omit<ConsoleHarness, 'services' | 'errors' | 'exited'> {
  enableColourOutput();
  const theme = createTheme(options.colour ?? false);
  const tree = (
    <ThemeProvider theme={theme}>
      <BannerProvider>
        <KeymapProvider>{node}</KeymapProvider>
      </BannerProvider>
    </ThemeProvider>
  );
  const terminal = renderInTerminal(options.services ? <ServicesProvider services={options.services}>{tree}</ServicesProvider> : tree, options.columns ?? 80, options.rows ?? 24);
  mounted.push({ terminal });
  return harnessOf(terminal);
}

/** The console on the test database, 80×24 and without colour unless told otherwise. */
export async function renderConsole(db: TestDatabase, options: RenderOptions = {}): Promise<ConsoleHarness> {
  const services = await createConsoleServices({ database: { knex: db.knex, url: db.url }, keyring: options.keyring ?? tempKeyring(), actor: options.actor });
  const errors: unknown[] = [];
  // Always on: reverse video (the selection) is an SGR code too, and tests look for it.
  enableColourOutput();
  const terminal = renderInTerminal(
    <App services={services} theme={createTheme(options.colour ?? false)} onError={(err) => errors.push(err)} />,
    options.columns ?? 80,
    options.rows ?? 24,
  );
  mounted.push({ terminal, services });
  // As startConsole does (src/tui/run-console.tsx): keys reach Ink through the input guard.
  return { ...harnessOf(terminal, dropUnsafeSequences), services, errors, exited: () => terminal.unmounted };
}

function harnessOf(terminal: InkTerminal, guard: (chunk: string) => string = (chunk) => chunk): Omit<ConsoleHarness, 'services' | 'errors' | 'exited'> {
  const rawFrame = () => terminal.lastFrame();
  const lastFrame = () => stripSgr(rawFrame());
  return {
    lastFrame,
    rawFrame,
    selectedRow: () => {
      // The header is in reverse video too without colour: the selection is below it.
      const line = rawFrame().split('\n').slice(1).find((l) => l.includes('\x1b[7m'));
      return line === undefined ? undefined : stripSgr(line);
    },
    frames: () => terminal.frames,
    async press(...keys) {
      for (const key of keys) {
        terminal.write(guard(key in KEYS ? KEYS[key as keyof typeof KEYS] : key));
        // Let React commit before the next key.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    },
    resize: (columns, rows) => terminal.resize(columns, rows),
    async waitFor(what, timeoutMs = 10_000) {
      const test = typeof what === 'function' ? what : (frame: string) => (typeof what === 'string' ? frame.includes(what) : what.test(frame));
      const until = Date.now() + timeoutMs;
      while (!test(lastFrame())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; last frame:\n${lastFrame()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return lastFrame();
    },
  };
}

