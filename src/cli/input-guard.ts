/**
 * The CLI's one check of every argument and option value against src/config/input-limits.ts,
 * before any command runs: each input has its own maximum when it has one (search text, tags,
 * hostnames, cron, setting values, --ssh-options), every other text the general one. Services
 * check their own inputs again, for callers that are not the CLI.
 */
import type { Command } from 'commander';
import { assertWithinLimit, type InputLimit } from '../config/input-limits.js';

// By argument name or option attribute name.
const LIMIT_OF: Record<string, InputLimit> = {
  text: 'searchText',
  hostname: 'hostname',
  device: 'hostname',
  tag: 'tag',
  cron: 'cron',
  value: 'settingValue',
  sshOptions: 'sshOptions',
};
const LABEL_OF: Record<string, string> = { text: 'search text' };

function check(label: string, name: string, value: unknown): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === 'string') assertWithinLimit(label, item, LIMIT_OF[name] ?? 'argument');
  }
}

/** Refuses (INPUT_INVALID, naming the input and its limit) any value of `command` beyond its maximum. */
export function assertInputLimits(command: Command): void {
  command.registeredArguments.forEach((argument, i) => check(LABEL_OF[argument.name()] ?? argument.name(), argument.name(), command.processedArgs[i]));
  const values = command.opts();
  for (const option of command.options) {
    const name = option.attributeName();
    check(option.long ?? option.flags, name, values[name]);
  }
}
