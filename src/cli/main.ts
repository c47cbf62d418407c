import { CommanderError } from 'commander';
import { processOutput } from './output.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
import { installSignalHandlers, runShutdown } from './shutdown.js';

// The only place that catches everything: every failure becomes one line and an exit code.
installSignalHandlers();
const verbose = process.argv.includes('--verbose');
// `netraven` alone (global flags aside) is `netraven start`: the console on a terminal.
if (process.argv.slice(2).every((arg) => arg === '--verbose' || arg === '--strict')) process.argv.push('start');
let exitCode = 0;
try {
  await buildProgram(processOutput).parseAsync(process.argv);
} catch (err) {
  exitCode = err instanceof CommanderError ? err.exitCode : reportError(err, verbose);
} finally {
  await runShutdown();
}
process.exitCode = exitCode;
