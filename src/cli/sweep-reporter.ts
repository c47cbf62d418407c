/** What `netraven retrieve` shows while it runs: a progress bar on a terminal, one plain line per device otherwise. */
import type { DeviceOutcome } from '../retrieval/device-outcome.js';
import type { SweepProgress } from '../retrieval/sweep-progress.js';
import type { Output } from './output.js';
import { paint } from './terminal-text.js';
import { sanitiseLine } from '../sanitise.js';

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** One device as a plain line: status, hostname, then size and time or the error. */
export function outcomeLine(outcome: DeviceOutcome, colour: boolean): string {
  const seconds = `${(outcome.durationMs / 1000).toFixed(2)} s`;
  if (outcome.status === 'failed') {
    return `${paint(colour, 'red', 'failed   ')} ${outcome.hostname}  ${outcome.errorCode}: ${sanitiseLine(outcome.error ?? '')}  (${seconds})`;
  }
  const label = outcome.status === 'changed' ? paint(colour, 'green', 'changed  ') : 'unchanged';
  return `${label} ${outcome.hostname}  ${outcome.sizeBytes} bytes  ${seconds}  (credential ${sanitiseLine(outcome.credential ?? '')})`;
}

function bar(progress: SweepProgress): string {
  const filled = progress.total === 0 ? BAR_WIDTH : Math.round((progress.done / progress.total) * BAR_WIDTH);
  const left = progress.total - progress.done;
  const eta = progress.ratePerSecond > 0 && left > 0 ? `  eta ${Math.ceil(left / progress.ratePerSecond)} s` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${progress.done}/${progress.total}  changed ${progress.changed}  unchanged ${progress.unchanged}  failed ${progress.failed}  ${progress.ratePerSecond.toFixed(1)}/s${eta}`;
}

export interface SweepReporter {
  onProgress(progress: SweepProgress): void;
  /** Clears the bar before the summary is printed. */
  close(): void;
}

/** A bar on stderr redrawn at most every 100 ms; failed devices are printed above it as they happen. */
function barReporter(output: Output, colour: boolean): SweepReporter {
  let last: SweepProgress | undefined;
  let drawnAt = 0;
  const draw = () => {
    if (last === undefined) return;
    drawnAt = Date.now();
    output.err(`\r\x1b[K${bar(last)}`);
  };
  return {
    onProgress(progress) {
      last = progress;
      if (progress.last?.status === 'failed') {
        output.err(`\r\x1b[K${outcomeLine(progress.last, colour)}\n`);
        draw();
      } else if (Date.now() - drawnAt >= REDRAW_MS || progress.done === progress.total) draw();
    },
    close() {
      if (last !== undefined) output.err('\r\x1b[K');
    },
  };
}

/** The reporter for this output: nothing for --json, a bar on a terminal, plain lines on stdout otherwise. */
export function sweepReporter(output: Output, options: { json: boolean; colour: boolean }): SweepReporter {
  if (options.json) return { onProgress: () => undefined, close: () => undefined };
  if (output.isTTY && output.errIsTTY === true) return barReporter(output, options.colour);
  return {
    onProgress(progress) {
      if (progress.last !== undefined) output.out(`${outcomeLine(progress.last, false)}\n`);
    },
    close: () => undefined,
  };
}
