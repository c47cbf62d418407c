import { asDatabaseError } from '../db/pg-errors.js';
import { describeFailedQuery } from '../db/query-details.js';
import { isNetRavenError } from '../errors.js';
import { sanitiseLine } from '../sanitise.js';

/**
 * Prints one line an operator can act on and returns the exit code. Database errors are mapped
 * to their class (src/db/pg-errors.ts); `--verbose` adds the stack and, for a failed query, the
 * statement with its parameters summarised (never a value that could be a secret).
 */
export function reportError(err: unknown, verbose: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  const error = asDatabaseError(err) ?? err;
  if (isNetRavenError(error)) {
    // Messages quote database and device text (names, server messages): shown through the sanitiser.
    write(`netraven: ${error.code}: ${sanitiseLine(error.message)}\n`);
    if (verbose) {
      const query = describeFailedQuery(error);
      write(`${error.stack ?? ''}\n${error.cause instanceof Error ? `caused by: ${error.cause.stack}\n` : ''}${query ? `${query}\n` : ''}`);
    }
    return error.exitCode;
  }
  const name = (error as { code?: string }).code === 'commander.invalidArgument' ? 'INPUT_INVALID' : 'INTERNAL';
  write(`netraven: ${name}: ${sanitiseLine(String((error as Error)?.message ?? error))}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error) write(`${error.stack}\n`);
  return 70;
}
