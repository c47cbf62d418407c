/**
 * How large V8 lets the young generation (new space: the two semi-spaces every new object starts in) grow.
 * V8 doubles the semi-spaces from 1 MiB up to 16 MiB each as a process allocates, and never gives them back: a
 * NetRaven command had its 32 MiB new space before it had connected to the database, and a 10 MB retrieval then
 * peaked at 156–172 MiB against its 172 MiB target (issue 11, `npm run bench -- big-config 10`). Kept at 1 MiB,
 * the process starts ~12 MiB smaller and the same retrieval peaks at 118–129 MiB.
 * Processes that run retrievals side by side keep V8's default: a 1,000-device sweep that let the young
 * generation grow only once the sweep began peaked 20–35 MiB higher (225–229 MiB against 179–207), and one that
 * never let it grow spent up to ~15 % more CPU per device. The choice is made before anything loads, because the
 * growth happens while modules load (docs/benchmarks.md, "big-config").
 */
import v8 from 'node:v8';

/** Commands that run many retrievals at once: the console (also `netraven` alone), the daemon, the SSH console. */
const SIDE_BY_SIDE_COMMANDS = new Set(['start', 'daemon', 'serve-ssh']);

/**
 * Whether the command line `args` (process.argv after the script) runs retrievals side by side: the console, the
 * daemon, the SSH console, or `retrieve` of anything but one `--device` (a tag, all devices, several devices).
 * Global options come before the command and take no value; an unknown command counts as not side by side.
 */
export function runsRetrievalsSideBySide(args: readonly string[]): boolean {
  const at = args.findIndex((arg) => !arg.startsWith('-'));
  if (at === -1) return true;
  const command = args[at]!;
  if (command !== 'retrieve') return SIDE_BY_SIDE_COMMANDS.has(command);
  const rest = args.slice(at + 1);
  const devices = rest.filter((arg) => arg === '--device' || arg.startsWith('--device=')).length;
  return devices !== 1 || rest.some((arg) => arg === '--tag' || arg.startsWith('--tag=') || arg === '--all');
}

/**
 * Stops the young generation from growing past its first size (2 × 1 MiB). Must run before the process allocates
 * much (bin/netraven.mjs calls it before any other module loads): once grown, the new space does not shrink.
 * V8 reads the growth factor at every growth, so setting it at run time takes effect from here on.
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
