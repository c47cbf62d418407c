import { CommanderError } from 'commander';
import { createProcessOutput } from './process-output.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
import { installSignalHandlers, runShutdown } from './shutdown.js';

// The only place that catches everything: every failure becomes one line and an exit code.
const output = createProcessOutput();
const verbose = process.argv.includes('--verbose');
installSignalHandlers();
// A throw nobody awaited still ends like every other failure: one line, and the shutdown steps
// (pools closed, the embedded server stopped when this was its last user).
process.once('uncaughtException', (err) => {
  const code = reportError(err, verbose, output.err);
  void runShutdown().finally(() => process.exit(code));
});
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
