import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createFileAtomic } from '../../src/credentials/atomic-file.js';
import { serialiseKeyring } from '../../src/credentials/keyring-file.js';
import { generateKey } from '../../src/credentials/keyring.js';
import { CLI } from './cli.js';

const ROOT = path.resolve(path.dirname(CLI), '../..');
const NETRAVEN_VARIABLES = ['DATABASE_URL', 'NETRAVEN_HOME', 'NETRAVEN_KEY_FILE', 'KEYROTATION_DATABASE_URL', 'NETRAVEN_TEST_FAULT', 'DATABASE_PASSWORD_FILE', 'KEYROTATION_DATABASE_PASSWORD_FILE', 'NETRAVEN_LOGIN_PASSWORD_FILES', 'NETRAVEN_BACKUP_DIR', 'NETRAVEN_SSH_HOST_KEY'];

/** One JSON line of a daemon's pino log. */
export type LogLine = Record<string, unknown> & { msg: string; level: string };

/** A `netraven daemon` (or any long-running CLI command) in a child process. */
export interface CliProcess {
  child: ChildProcess;
  pid: number;
  /** Every stdout line so far, parsed when it is JSON. */
  lines: LogLine[];
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (past or future) matching; rejects after timeoutMs naming what was printed. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  /** SIGTERM, then SIGKILL if it is still there after graceMs. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: CliProcess[] = [];
let home: string | undefined;

// Whatever a test did, its processes do not outlive it.
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop(2_000)));
});
afterAll(() => {
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function processHome(): string {
  home ??= fs.mkdtempSync(path.join(os.tmpdir(), 'netraven-daemon-home-'));
  return home;
}

/** Starts the real CLI with args in a child process; env adds to (or removes from, with undefined) a clean NetRaven environment. */
export function startCli(args: string[], env: Record<string, string | undefined>): CliProcess {
  const home = processHome();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NETRAVEN_HOME: home };
  for (const name of NETRAVEN_VARIABLES) if (name !== 'NETRAVEN_HOME') delete childEnv[name];
  Object.assign(childEnv, env);
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let partial = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        lines.push({ msg: text, level: 'text' });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const wake of waiters) wake();
      resolve({ code, signal });
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  const handle: CliProcess = {
    child,
    pid: child.pid!,
    lines,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(match, timeoutMs = 15_000, what = 'a log line') {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find(match);
          if (line) return finish(() => resolve(line));
          if (done) finish(() => reject(new Error(`process ${child.pid} exited before ${what}; stdout:\n${out}\nstderr:\n${err}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stdout:\n${out.slice(-4000)}\nstderr:\n${err}`))), timeoutMs);
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (!done) child.kill('SIGTERM');
      const timer = setTimeout(() => !done && child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  started.push(handle);
  return handle;
}

/**
 * Starts `netraven daemon` with extra args on the database at url. A daemon refuses to start
 * without a keyring: unless env names one (NETRAVEN_KEY_FILE), the default keyring of this test
 * file's NETRAVEN_HOME is made once and used.
 */
export function startDaemonProcess(url: string, args: string[] = [], env: Record<string, string | undefined> = {}): CliProcess {
  if (!('NETRAVEN_KEY_FILE' in env)) {
    const file = path.join(processHome(), 'keyring.json');
    createFileAtomic(file, serialiseKeyring({ file, keys: [generateKey()] }));
  }
  return startCli(['daemon', ...args], { DATABASE_URL: url, ...env });
}

/** The line a daemon prints once it runs. */
export const isStarted = (line: LogLine) => line.msg === 'daemon: started';
/** The line a daemon prints when it becomes scheduler leader. */
export const isElected = (line: LogLine) => line.msg === 'daemon: elected scheduler leader';
