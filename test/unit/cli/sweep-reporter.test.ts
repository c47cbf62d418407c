import { describe, expect, it } from 'vitest';
import type { Output } from '../../../src/cli/output.js';
import { outcomeLine, sweepReporter } from '../../../src/cli/sweep-reporter.js';
import type { DeviceOutcome } from '../../../src/retrieval/device-outcome.js';
import type { SweepProgress } from '../../../src/retrieval/sweep-progress.js';

function capture(isTTY: boolean): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTTY, errIsTTY: isTTY };
}

const base = { jobId: 'j', deviceId: 'd', configurationId: null, contentHash: null, startedAt: new Date(0), finishedAt: new Date(1500), durationMs: 1500 };
const ok: DeviceOutcome = { ...base, hostname: 'core-sw1', status: 'changed', sizeBytes: 1234, credential: 'lab', errorCode: null, error: null };
const bad: DeviceOutcome = { ...base, hostname: 'edge-2', status: 'failed', sizeBytes: null, credential: null, errorCode: 'COMMAND_REJECTED', error: 'rejected "\x1b]0;pwned\x07show run\x1b[2J"' };

function progress(done: number, last: DeviceOutcome): SweepProgress {
  return { jobId: 'j', total: 4, done, failed: last.status === 'failed' ? 1 : 0, changed: 1, unchanged: 0, running: 1, elapsedMs: 1000, ratePerSecond: done, failuresByCode: last.status === 'failed' ? { [last.errorCode ?? 'INTERNAL']: 1 } : {}, last };
}

describe('retrieve progress output', () => {
  it('plain lines name status, host, size, time and credential; device text loses its escape sequences', () => {
    expect(outcomeLine(ok, false)).toBe('changed   core-sw1  1234 bytes  1.50 s  (credential lab)');
    expect(outcomeLine(bad, false)).toBe('failed    edge-2  COMMAND_REJECTED: rejected "show run"  (1.50 s)');
    expect(outcomeLine(bad, true)).toContain('\x1b[31mfailed');
  });

  it('without a terminal: one line per device on stdout, nothing on stderr', () => {
    const output = capture(false);
    const reporter = sweepReporter(output, { json: false, colour: false });
    reporter.onProgress(progress(1, ok));
    reporter.onProgress(progress(2, bad));
    reporter.close();
    expect(output.stdout).toEqual([`${outcomeLine(ok, false)}\n`, `${outcomeLine(bad, false)}\n`]);
    expect(output.stderr).toEqual([]);
  });

  it('on a terminal: a bar redrawn in place on stderr, failures printed above it, cleared at the end', () => {
    const output = capture(true);
    const reporter = sweepReporter(output, { json: false, colour: false });
    reporter.onProgress(progress(1, ok));
    reporter.onProgress(progress(2, bad));
    reporter.onProgress(progress(4, ok));
    reporter.close();
    const text = output.stderr.join('');
    expect(output.stdout).toEqual([]);
    expect(text).toContain('\r\x1b[K[######------------------] 1/4  changed 1  unchanged 0  failed 0  1.0/s  eta 3 s');
    expect(text).toContain(`\r\x1b[K${outcomeLine(bad, false)}\n`);
    expect(text).toContain('[########################] 4/4');
    expect(text.endsWith('\r\x1b[K')).toBe(true);
    expect(text).not.toContain('pwned');
  });

  it('--json: no progress at all', () => {
    const output = capture(true);
    const reporter = sweepReporter(output, { json: true, colour: true });
    reporter.onProgress(progress(1, bad));
    reporter.close();
    expect([...output.stdout, ...output.stderr]).toEqual([]);
  });
});
