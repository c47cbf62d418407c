/** Benchmarked processes measured from outside: wall time from spawn to exit, CPU and peak RSS as the process reports them. */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');

/** One process run: wall seconds spawn → exit, the process's own CPU seconds and peak RSS (MiB), its JSON report if it printed one. */
export interface TimedRun {
  wallSeconds: number;
  cpuSeconds: number;
  /** The system (kernel) part of cpuSeconds, when the process reported it. */
  systemSeconds: number;
  peakRssMiB: number;
  code: number | null;
  report?: Record<string, unknown>;
  stderr: string;
}

/** Runs command to its end; CPU and RSS come from the process's exit report (exit-report.mjs) or its JSON line. */
export function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const reportFile = path.join(os.tmpdir(), `netraven-bench-report-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env, NETRAVEN_BENCH_REPORT: reportFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      // Keep only the last lines: a retrieve prints one line per device.
      stdout = (stdout + chunk.toString()).slice(-100_000);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const line = stdout.split('\n').reverse().find((l) => l.trim().startsWith('{"devices"'));
      const report = line === undefined ? undefined : (JSON.parse(line) as Record<string, unknown>);
      const own = fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { cpuSeconds: number; systemSeconds: number; peakRssMiB: number }) : undefined;
      fs.rmSync(reportFile, { force: true });
      resolve({
        wallSeconds,
        cpuSeconds: own?.cpuSeconds ?? Number(report?.cpuSeconds ?? NaN),
        systemSeconds: own?.systemSeconds ?? NaN,
        peakRssMiB: own?.peakRssMiB ?? Number(report?.peakRssMiB ?? NaN),
        code,
        report,
        stderr,
      });
    });
  });
}

/** The `netraven` binary as package.json declares it (what operators run after `npm install`). */
export function netravenBin(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: { netraven: string } };
  return path.join(ROOT, pkg.bin.netraven);
}

const PYTHON = '/usr/bin/python3';

/**
 * Debian's python3 with python3-asyncssh, installed with apt when missing and allowed (root, apt-get present).
 * Returns the interpreter, or undefined after saying how to install it (the asyncssh column is then skipped).
 */
export function asyncsshPython(): string | undefined {
  const works = (): boolean => {
    try {
      execFileSync(PYTHON, ['-W', 'ignore', '-c', 'import asyncssh'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (works()) return PYTHON;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    process.stderr.write('bench: installing python3-asyncssh with apt-get (the asyncssh floor)\n');
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3', 'python3-asyncssh'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      // Reported below.
    }
    if (works()) return PYTHON;
  }
  process.stderr.write('bench: no asyncssh floor: install it with `apt-get install python3 python3-asyncssh` (Debian/Ubuntu) and run again\n');
  return undefined;
}
