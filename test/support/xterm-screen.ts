/** Reading a headless xterm (@xterm/headless) as a terminal shows it: for the pty and SSH test terminals. */
import type { Terminal } from '@xterm/headless';

/** The visible rows as text (trailing spaces trimmed). */
export function screenOf(term: Terminal): string[] {
  const buffer = term.buffer.active;
  return Array.from({ length: term.rows }, (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
}

/** Waits until the screen shows the text (or passes the test); fails with the screen after timeoutMs. */
export async function waitForScreen(term: Terminal, what: string | RegExp | ((screen: string) => boolean), timeoutMs: number): Promise<string> {
  const test = typeof what === 'function' ? what : (text: string) => (typeof what === 'string' ? text.includes(what) : what.test(text));
  const until = Date.now() + timeoutMs;
  for (;;) {
    // Let xterm parse what arrived before reading its buffer.
    await new Promise<void>((resolve) => term.write('', resolve));
    const text = screenOf(term).join('\n');
    if (test(text)) return text;
    if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; the screen:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
