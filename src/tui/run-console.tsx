/**
 * Runs the console full screen in any terminal stream pair (the process's, or an SSH
 * channel's): alternate screen buffer in, Ink rendering, and the terminal given back exactly
 * once however it ends. Ink 6 has no alternate-screen option (ink#263), so the sequences are
 * written here. Nothing here touches process.stdin/stdout or exits the process: the caller
 * wires signals and decides what an ending means.
 */
import { render } from 'ink';
import React from 'react';
import type { ConsoleServices } from '../console/console-services.js';
import { App } from './app.js';
import { guardTerminalInput } from './input-guard.js';
import { colourWanted, createTheme, enableColourOutput } from './theme.js';

/** Switch to the alternate screen, cursor home. */
export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h\x1b[H';
/** Show the cursor, back to the main screen (its content and cursor as they were). */
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?25h\x1b[?1049l';

export interface ConsoleTerminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** NO_COLOR is read from here (the SSH console passes the session's environment). */
  env: Record<string, string | undefined>;
}

export interface ConsoleSession {
  /** Resolves when the operator quit (q, Ctrl-C) or stop() was called, after the terminal was restored. */
  done: Promise<void>;
  /** Ends the console (a signal, a fatal error elsewhere): unmounts and restores the terminal now, synchronously. */
  stop(): void;
}

/** Frames per second at most: a keypress is drawn within ~33 ms, a busy sweep cannot flood the terminal. */
const MAX_FPS = 30;

export function startConsole(services: ConsoleServices, terminal: ConsoleTerminal, options: { onError(err: unknown): void }): ConsoleSession {
  const colour = colourWanted(terminal.env, terminal.stdout);
  if (colour) enableColourOutput();
  terminal.stdout.write(ENTER_ALTERNATE_SCREEN);
  const instance = render(<App services={services} theme={createTheme(colour)} onError={options.onError} />, {
    // Escape sequences Ink 6 cannot parse would end the console (input-guard.ts).
    stdin: guardTerminalInput(terminal.stdin),
    stdout: terminal.stdout,
    stderr: terminal.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: MAX_FPS,
  });
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (terminal.stdin.isTTY) terminal.stdin.setRawMode?.(false);
    terminal.stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  const done = instance.waitUntilExit().then(
    () => restore(),
    (err: unknown) => {
      restore();
      throw err;
    },
  );
  return {
    done,
    stop() {
      instance.unmount();
      restore();
    },
  };
}
