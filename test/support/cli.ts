import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/netraven.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What every CLI run of this test file printed (stdout and stderr, not the arguments the
 * test passed), for the "no secret in any output" checks.
 */
export const transcript: string[] = [];

/** Runs the real CLI (`node src/cli/netraven.mjs …`) with stdin piped; the environment is only what is given. */
export function runCli(args: string[], options: { env: Record<string, string>; stdin?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The CLI may exit before reading stdin (a refused command): that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      transcript.push(`${stdout}${stderr}`);
      resolve({ code, stdout, stderr });
    });
  });
}
