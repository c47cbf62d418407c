/**
 * The process's stdout and stderr as the CLI's Output. A reader that goes away (`netraven … |
 * head -1`: EPIPE) is a normal end of the output, not of the command: later writes are dropped,
 * `closed` is aborted so long-running output (a followed job log) stops, and the command runs to
 * its usual end — its job finished, its database and embedded server closed as on any exit.
 * Any other write failure (ENOSPC on a redirected file, EIO) is kept as `failure()` and makes
 * the command fail with OUTPUT_FAILED.
 */
import { NetRavenError } from '../errors.js';
import type { Output } from './output.js';

// Node's own code for a write to a stream already destroyed after an earlier error.
const QUIET = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export interface ProcessOutput extends Output {
  /** The first write error on stdout that is not a closed pipe, as an operator-facing error. */
  failure(): NetRavenError | undefined;
}

/** Wraps process.stdout and process.stderr; call once, in the CLI's entry point. */
export function createProcessOutput(): ProcessOutput {
  const stdoutClosed = new AbortController();
  let stderrClosed = false;
  let failure: NetRavenError | undefined;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (!QUIET.has(err.code ?? '')) failure ??= new NetRavenError('OUTPUT_FAILED', `cannot write the output (${err.code ?? err.message}): check where stdout is redirected (a full disk?)`, { cause: err });
    stdoutClosed.abort();
  });
  process.stderr.on('error', () => {
    stderrClosed = true;
  });
  return {
    out(text) {
      if (!stdoutClosed.signal.aborted) process.stdout.write(text);
    },
    err(text) {
      if (!stderrClosed) process.stderr.write(text);
    },
    isTTY: Boolean(process.stdout.isTTY),
    errIsTTY: Boolean(process.stderr.isTTY),
    closed: stdoutClosed.signal,
    drained: () =>
      new Promise<void>((resolve) => {
        if (!process.stdout.writableNeedDrain || stdoutClosed.signal.aborted) return resolve();
        const done = (): void => {
          process.stdout.off('drain', done);
          stdoutClosed.signal.removeEventListener('abort', done);
          resolve();
        };
        process.stdout.once('drain', done);
        stdoutClosed.signal.addEventListener('abort', done, { once: true });
      }),
    failure: () => failure,
  };
}
