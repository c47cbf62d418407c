/** The end of `netraven retrieve`: counts by outcome and failure class, the failed devices, or the same as JSON. */
import type { SweepResult } from '../retrieval/sweep.js';
import { printJson, type Output } from './output.js';
import { paint } from './terminal-text.js';
import { sanitiseLine } from '../sanitise.js';

/** The JSON document `retrieve --json` prints: one object, per-device results included. */
export function summaryJson(result: SweepResult): Record<string, unknown> {
  return {
    jobId: result.jobId,
    status: result.status,
    total: result.total,
    changed: result.changed,
    unchanged: result.unchanged,
    failed: result.failed,
    notStarted: result.notStarted,
    failuresByCode: result.failuresByCode,
    durationMs: Math.round(result.durationMs),
    devicesPerSecond: Number(result.devicesPerSecond.toFixed(2)),
    devices: result.outcomes.map((o) => ({
      hostname: o.hostname,
      status: o.status,
      jobId: o.jobId,
      configurationId: o.configurationId,
      sizeBytes: o.sizeBytes,
      credential: o.credential,
      errorCode: o.errorCode,
      error: o.error,
      durationMs: o.durationMs,
    })),
  };
}

/** Prints the summary in text or JSON. */
export function printSweepSummary(output: Output, result: SweepResult, options: { json: boolean; colour: boolean }): void {
  if (options.json) return printJson(output, summaryJson(result));
  const { colour } = options;
  const seconds = (result.durationMs / 1000).toFixed(1);
  output.out(`retrieval job ${result.jobId} ${result.status}: ${result.total} devices in ${seconds} s (${result.devicesPerSecond.toFixed(1)}/s)\n`);
  output.out(`  changed    ${result.changed}\n`);
  output.out(`  unchanged  ${result.unchanged}\n`);
  const classes = Object.entries(result.failuresByCode)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  output.out(`  failed     ${result.failed === 0 ? 0 : paint(colour, 'red', `${result.failed}  (${classes})`)}\n`);
  if (result.notStarted > 0) output.out(`  cancelled  ${result.notStarted} not started\n`);
  const failed = result.outcomes.filter((o) => o.status === 'failed').sort((a, b) => a.hostname.localeCompare(b.hostname));
  if (failed.length === 0) return;
  output.out('failed devices:\n');
  for (const o of failed) output.out(`  ${o.hostname}  ${o.errorCode}: ${sanitiseLine(o.error ?? '')}\n`);
}
