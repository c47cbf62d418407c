/**
 * ink-testing-library's render with a terminal size we choose. The library renders into a fake
 * stdout whose `columns` is fixed at 100 and which has no `rows`; the console needs 80×24 (and
 * smaller, and resizes). Its Stdout class is not exported, so the size getters are replaced once
 * on that class's prototype: an instance reads its own size, or the size asked for by the render
 * in progress (the first frame is drawn inside render(), before we could set anything).
 */
import type { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import React, { useEffect } from 'react';

interface Sized {
  size?: { columns: number; rows: number };
}

let pending = { columns: 80, rows: 24 };
let patched = false;

function patchStdoutPrototype(): void {
  if (patched) return;
  const probe = render(<></>);
  probe.unmount();
  const prototype = Object.getPrototypeOf(probe.stdout) as object;
  Object.defineProperty(prototype, 'columns', { configurable: true, get(this: Sized) { return (this.size ?? pending).columns; } });
  Object.defineProperty(prototype, 'rows', { configurable: true, get(this: Sized) { return (this.size ?? pending).rows; } });
  Object.defineProperty(prototype, 'isTTY', { configurable: true, value: true });
  patched = true;
}

/** Calls `onUnmount` when the tree unmounts: the app exiting by itself (useApp().exit()) or the test's cleanup. */
function UnmountProbe({ onUnmount, children }: { onUnmount: () => void; children: React.ReactNode }): React.ReactElement {
  useEffect(() => onUnmount, [onUnmount]);
  return <>{children}</>;
}

export interface InkTerminal {
  /** Every frame ink wrote (debug mode: each frame whole). */
  frames: string[];
  lastFrame(): string;
  write(data: string): void;
  resize(columns: number, rows: number): void;
  unmount(): void;
  /** Resolves when the tree unmounted (the app exited by itself, or unmount()). */
  unmounted: Promise<void>;
}

/** Renders `tree` with ink-testing-library in a terminal of `columns`×`rows`. */
export function renderInTerminal(tree: React.ReactElement, columns: number, rows: number): InkTerminal {
  patchStdoutPrototype();
  let resolveUnmounted: () => void = () => undefined;
  const unmounted = new Promise<void>((resolve) => (resolveUnmounted = resolve));
  pending = { columns, rows };
  const screen = render(<UnmountProbe onUnmount={resolveUnmounted}>{tree}</UnmountProbe>);
  const stdout = screen.stdout as unknown as EventEmitter & Sized;
  stdout.size = { columns, rows };
  return {
    frames: screen.frames,
    lastFrame: () => screen.lastFrame() ?? '',
    write: (data) => screen.stdin.write(data),
    resize(newColumns, newRows) {
      stdout.size = { columns: newColumns, rows: newRows };
      stdout.emit('resize');
    },
    unmount: () => screen.unmount(),
    unmounted,
  };
}
