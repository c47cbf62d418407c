import { isNetRavenError } from '../errors.js';

/** Prints one line an operator can act on (the stack only with --verbose) and returns the exit code. */
export function reportError(err: unknown, verbose: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (isNetRavenError(err)) {
    write(`netraven: ${err.code}: ${err.message}\n`);
    if (verbose) write(`${err.stack ?? ''}\n${err.cause instanceof Error ? `caused by: ${err.cause.stack}\n` : ''}`);
    return err.exitCode;
  }
  const name = (err as { code?: string }).code === 'commander.invalidArgument' ? 'INPUT_INVALID' : 'INTERNAL';
  write(`netraven: ${name}: ${(err as Error)?.message ?? String(err)}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && err instanceof Error) write(`${err.stack}\n`);
  return 70;
}
