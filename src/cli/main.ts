import { CommanderError } from 'commander';
import { createProcessOutput } from './process-output.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
import { installSignalHandlers, runShutdown } from './shutdown.js';

// The only place that catches everything: every failure becomes one line and an exit code.
const output = createProcessOutput();
const verbose = process.argv.includes('--verbose');
installSignalHandlers();
// A throw nobody awaited still ends like every other failure: the shutdown steps first (the
// console gives the terminal back, pools close, the embedded server stops when this was its
// last user), then one line, so the line lands on the main screen.
const fatal = (err: unknown) => {
  void runShutdown().finally(() => process.exit(reportError(err, verbose, output.err)));
};
process.once('uncaughtException', fatal);
process.once('unhandledRejection', fatal);
// `netraven` alone (global flags aside) is `netraven start`: the console on a terminal.
if (process.argv.slice(2).every((arg) => arg === '--verbose' || arg === '--strict')) process.argv.push('start');
let exitCode = 0;
try {
  await buildProgram(output).parseAsync(process.argv);
} catch (err) {
  exitCode = err instanceof CommanderError ? err.exitCode : reportError(err, verbose, output.err);
} finally {
  await runShutdown();
}
const failure = output.failure();
if (failure && exitCode === 0) exitCode = reportError(failure, verbose, output.err);
process.exitCode = exitCode;
