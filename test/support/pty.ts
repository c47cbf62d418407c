/** Runs the real CLI in a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs as for an operator. */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { CLI } from './cli.js';

const ROOT = path.resolve(path.dirname(CLI), '..');

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Everything the terminal showed (stdout and stderr interleaved, CRLF line ends) and the exit code. */
export function runInPty(args: string[], env: Record<string, string>): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    // -q quiet, -e exit with the command's code, -f flush every write; the transcript file is discarded.
    const child = spawn('script', ['-qef', '-c', command, os.devNull], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '', TERM: 'xterm-256color', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}
