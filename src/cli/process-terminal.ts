import type { ConsoleTerminal } from '../tui/run-console.js';

/** This process's terminal when both stdin and stdout are one; null when either is piped or a file. */
export function processTerminal(): ConsoleTerminal | null {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
