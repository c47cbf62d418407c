/** Runs one driver command (and its fallbacks) and decides whether the device accepted it. */
import { NetRavenError } from '../errors.js';
import type { Driver, DriverCommand } from './drivers/driver.js';

/** One command's plain-text output (terminal clean-up done, content rules not yet applied). */
export interface CommandOutput {
  spec: DriverCommand;
  /** The command actually sent: spec.command or one of its fallbacks. */
  command: string;
  text: string;
  /** Set when the device rejected an info command: its reply, which becomes a warning. */
  rejectedWith?: string;
}

/** What running a command returned; exitCode only over exec channels (null: the channel gave none). */
export interface CommandRun {
  command: string;
  text: string;
  exitCode?: number | null;
}

interface Rejection {
  reply: string;
  /** The reply is a system shell's: the session is not in the device CLI at all. */
  shell: boolean;
  exitCode?: number;
}

// Error replies are short and come first; scanning only the head keeps a 5 MB config from tripping on a banner line.
const ERROR_SCAN_LINES = 10;

/** Finds an error reply in the first non-blank lines: the driver's error patterns, then its shell errors. */
export function findRejection(driver: Driver, text: string): Rejection | null {
  let seen = 0;
  let start = 0;
  while (seen < ERROR_SCAN_LINES && start <= text.length) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline === -1 ? text.length : newline);
    start = newline === -1 ? text.length + 1 : newline + 1;
    if (line.trim().length === 0) continue;
    seen += 1;
    if (driver.errorPatterns.some((p) => p.test(line))) return { reply: line.trim().slice(0, 200), shell: false };
    if (driver.shellErrors.some((p) => p.test(line))) return { reply: line.trim().slice(0, 200), shell: true };
  }
  return null;
}

function rejectionOf(driver: Driver, run: CommandRun): Rejection | null {
  const found = findRejection(driver, run.text);
  if (run.exitCode === undefined || run.exitCode === null || run.exitCode === 0) return found;
  const first = found?.reply ?? run.text.split('\n', 1)[0]?.trim() ?? '';
  return { reply: `exit status ${run.exitCode}${first.length > 0 ? `: ${first.slice(0, 180)}` : ''}`, shell: false, exitCode: run.exitCode };
}

/** CONFIG_NOT_RECOGNISED for output that a system shell wrote instead of the device CLI. */
export function shellReplyError(driver: Driver, label: string, command: string, reply: string): NetRavenError {
  return new NetRavenError(
    'CONFIG_NOT_RECOGNISED',
    `${label}: "${command}" was answered by a system shell ("${reply.slice(0, 120)}"), not the ${driver.vendor} CLI, so there is no configuration to store and the previous version stays the latest; make the CLI the account's login shell, or check the device_type (${driver.name})`,
    { details: { command, reply, driver: driver.name, stage: 'shell-reply' } },
  );
}

function rejectedError(driver: Driver, label: string, command: string, rejection: Rejection): NetRavenError {
  if (rejection.shell) return shellReplyError(driver, label, command, rejection.reply);
  return new NetRavenError(
    'COMMAND_REJECTED',
    `${label}: the device rejected "${command}" ("${rejection.reply.slice(0, 120)}"); check the device_type (${driver.name}) or the account's privilege level`,
    { details: { command, reply: rejection.reply, driver: driver.name, ...(rejection.exitCode === undefined ? {} : { exitCode: rejection.exitCode }) } },
  );
}

/**
 * Runs `spec` through `execute`, then each fallback while the device rejects the previous one.
 * A rejected info command is returned with `rejectedWith` (a warning later; only the
 * configuration is required). A rejected config command throws COMMAND_REJECTED, or
 * CONFIG_NOT_RECOGNISED when a system shell answered.
 */
export async function runDriverCommand(driver: Driver, spec: DriverCommand, label: string, execute: (command: string) => Promise<CommandRun>): Promise<CommandOutput> {
  const commands = [spec.command, ...(spec.fallbacks ?? [])];
  let last: { run: CommandRun; rejection: Rejection } | undefined;
  for (const command of commands) {
    const run = await execute(command);
    const rejection = rejectionOf(driver, run);
    if (rejection === null) return { spec, command: run.command, text: run.text };
    last = { run, rejection };
  }
  const { run, rejection } = last!;
  if (spec.role === 'info') return { spec, command: run.command, text: '', rejectedWith: rejection.reply };
  throw rejectedError(driver, label, run.command, rejection);
}
