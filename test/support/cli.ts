import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'src/cli/netraven.mjs');

// A developer's own NetRaven variables must never leak into a test's child process.
const NETRAVEN_VARIABLES = ['DATABASE_URL', 'NETRAVEN_HOME', 'NETRAVEN_KEY_FILE', 'KEYROTATION_DATABASE_URL', 'NETRAVEN_TEST_FAULT', 'DATABASE_PASSWORD_FILE', 'KEYROTATION_DATABASE_PASSWORD_FILE', 'NETRAVEN_LOGIN_PASSWORD_FILES', 'NETRAVEN_BACKUP_DIR', 'NETRAVEN_SSH_HOST_KEY'];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * What every CLI run of this test file printed (stdout and stderr, not the arguments the
 * test passed), for the "no secret in any output" checks.
 */
export const transcript: string[] = [];

let scratchHome: string | undefined;

// Registered in every test file that imports this module.
afterAll(() => {
  if (scratchHome) fs.rmSync(scratchHome, { recursive: true, force: true });
  scratchHome = undefined;
});

/** A NETRAVEN_HOME of this test process, so no CLI run ever writes into an operator's real home. */
function defaultHome(): string {
  if (!scratchHome) {
    scratchHome = fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-cli-home-'));
  }
  return scratchHome;
}

/** Runs the real `netraven` binary in a child process; env sets NetRaven's variables (undefined removes one); uid/gid run it as another user (root only). */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number; uid?: number; gid?: number } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NETRAVEN_VARIABLES) delete env[name];
  env.NETRAVEN_HOME = defaultHome();
  Object.assign(env, options.env);
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], uid: options.uid, gid: options.gid });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      transcript.push(`${stdout}${stderr}`);
      resolve({ code, signal, stdout, stderr });
    });
    // The CLI may exit before reading stdin (a refused command): that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Asserts a refused command: exactly one stderr line `netraven: CODE: …` (no stack) and the
 * exit code given, or any non-zero one. Returns stderr for further checks.
 */
export function expectOneLineError(result: { code: number | null; stderr: string }, code: string, exit?: number): string {
  if (exit === undefined) expect(result.code).not.toBe(0);
  else expect(result.code).toBe(exit);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^netraven: ${code}: `));
  return result.stderr;
}

/**
 * Runs the real binary with its stdout (and stderr with `closeStderr`) read by a consumer that
 * goes away after `lines` lines, like `netraven … | head -1`: the read end of the pipe is
 * destroyed, so the next write of the child fails with EPIPE. Returns what was read.
 */
export function runCliClosingAfter(
  args: string[],
  lines: number,
  options: { env?: Record<string, string | undefined>; closeStderr?: boolean; timeoutMs?: number } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NETRAVEN_VARIABLES) delete env[name];
  env.NETRAVEN_HOME = defaultHome();
  Object.assign(env, options.env);
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').length > lines) {
        child.stdout.destroy();
        if (options.closeStderr) child.stderr.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      transcript.push(`${stdout}${stderr}`);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
