/** Child processes for benchmarks: each measures itself, so one process's CPU and memory never count for another. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

/** What a measured child reports about itself. */
export interface ChildMeasurement {
  devices: number;
  seconds: number;
  devicesPerSecond: number;
  cpuSeconds: number;
  peakRssMiB: number;
  [extra: string]: unknown;
}

/** Starts test/bench/<script> under tsx; its stderr goes to ours. */
export function startChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(HERE, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
}

/** Resolves with the first stdout line of the child that parses as JSON (the child's report). */
export function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        child.stdout!.off('data', onData);
        resolve(JSON.parse(line) as T);
        return;
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`benchmark child exited with ${code} before reporting`)));
  });
}

/** Runs a child to completion and returns its report. */
export async function runMeasuredChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildMeasurement> {
  const child = startChild(script, args, env);
  const report = await firstJsonLine<ChildMeasurement>(child);
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  return report;
}

/** Measures fn in the current process: wall time, CPU seconds (user + system), lifetime peak RSS. */
export async function measure(devices: number, fn: () => Promise<Record<string, unknown> | void>): Promise<ChildMeasurement> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const extra = (await fn()) ?? {};
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    devices,
    seconds,
    devicesPerSecond: devices / seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
}
