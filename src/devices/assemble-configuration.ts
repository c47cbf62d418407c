/** Builds the stored configuration text and the device facts from cleaned command outputs. */
import { NetRavenError } from '../errors.js';
import type { Driver, FactName } from './drivers/driver.js';
import { redactSecrets } from './redaction.js';

export interface CleanOutput {
  command: string;
  text: string;
}

export interface DeviceFacts {
  model?: string;
  osVersion?: string;
  serial?: string;
  vendor?: string;
}

// Error replies are short and come first; scanning only the head keeps a 5 MB config from tripping on a banner line.
const ERROR_SCAN_LINES = 10;

/** Throws COMMAND_REJECTED when the head of a command's output matches one of the driver's error patterns. */
export function assertAccepted(driver: Driver, output: CleanOutput, label: string): void {
  const head = output.text.split('\n', ERROR_SCAN_LINES);
  for (const line of head) {
    const pattern = driver.errorPatterns.find((p) => p.test(line));
    if (pattern !== undefined) {
      throw new NetRavenError(
        'COMMAND_REJECTED',
        `${label}: the device rejected "${output.command}" ("${line.trim().slice(0, 120)}"); check the device_type (${driver.name}) or the account's privilege level`,
        { details: { command: output.command, reply: line.trim().slice(0, 200), driver: driver.name } },
      );
    }
  }
}

/** Extracts model, OS version and serial with the driver's fact patterns (first match wins). */
export function parseFacts(driver: Driver, outputs: CleanOutput[]): DeviceFacts {
  const facts: DeviceFacts = { vendor: driver.vendor };
  const found = new Set<FactName>();
  for (const rule of driver.facts) {
    if (found.has(rule.fact)) continue;
    const output = outputs.find((o) => o.command === rule.command);
    const value = output === undefined ? undefined : rule.pattern.exec(output.text)?.[1]?.trim();
    if (value !== undefined && value.length > 0) {
      facts[rule.fact] = value.slice(0, 200);
      found.add(rule.fact);
    }
  }
  return facts;
}

function commentOut(text: string, prefix: string): string {
  const bare = prefix.trimEnd();
  return text
    .split('\n')
    .map((line) => (line.length === 0 ? bare : `${prefix}${line}`))
    .join('\n');
}

/** Joins the outputs in driver order: info output as comments, configuration as is; optional redaction last. */
export function assembleContent(driver: Driver, outputs: CleanOutput[], redact: boolean): string {
  const sections: string[] = [];
  for (const spec of driver.commands) {
    const output = outputs.find((o) => o.command === spec.command);
    if (output === undefined) continue;
    const parts: string[] = [];
    if (spec.heading !== undefined) parts.push(`${driver.commentPrefix}${spec.heading}`);
    if (output.text.length > 0) parts.push(spec.role === 'info' ? commentOut(output.text, driver.commentPrefix) : output.text);
    if (parts.length > 0) sections.push(parts.join('\n'));
  }
  const content = `${sections.join('\n')}\n`;
  return redact ? redactSecrets(content, driver.secretPatterns) : content;
}
