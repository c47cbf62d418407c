/** Builds the stored configuration text, the device facts and the warnings from the command outputs. */
import { NetRavenError } from '../errors.js';
import type { CommandOutput } from './command-output.js';
import { applyContentRuleBlocks, compileContentRules, type CompiledRules, type ContentBlocksResult } from './content-rules.js';
import { releaseLargeCopies } from './large-text-memory.js';
import type { Driver, FactName } from './drivers/driver.js';
import { redactLine } from './redaction.js';

export interface DeviceFacts {
  model?: string;
  osVersion?: string;
  serial?: string;
  vendor?: string;
}

/** Something the operator should know although the configuration was stored (never a secret). */
export interface RetrievalWarning {
  /** INFO_COMMAND_REJECTED: an auxiliary command was refused; CONFIG_INCOMPLETE: the device hid part of the configuration. */
  code: 'INFO_COMMAND_REJECTED' | 'CONFIG_INCOMPLETE';
  message: string;
  command: string;
}

export interface AssembledConfiguration {
  content: string;
  facts: DeviceFacts;
  warnings: RetrievalWarning[];
}

/** Output after the content rules: what facts are read from and what gets stored. */
interface ProcessedOutput {
  spec: CommandOutput['spec'];
  text: string;
}

/** Extracts model, OS version and serial with the driver's fact patterns (first match wins). */
export function parseFacts(driver: Driver, outputs: ProcessedOutput[]): DeviceFacts {
  const facts: DeviceFacts = { vendor: driver.vendor };
  const found = new Set<FactName>();
  for (const rule of driver.facts) {
    if (found.has(rule.fact)) continue;
    const output = outputs.find((o) => o.spec.command === rule.command);
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

// Shown in the error message: never with a secret in it, whatever the redaction setting.
function firstLineOf(text: string, secrets: RegExp[]): string {
  const newline = text.indexOf('\n');
  return redactLine((newline === -1 ? text : text.slice(0, newline)).trim(), secrets);
}

function notRecognised(driver: Driver, label: string, command: string, reason: string, firstLine: string): NetRavenError {
  const seen = firstLine.length === 0 ? 'the output was empty' : `it starts with "${firstLine.slice(0, 120)}"`;
  return new NetRavenError(
    'CONFIG_NOT_RECOGNISED',
    `${label}: the output of "${command}" is not a ${driver.name} configuration (${reason}; ${seen}), so it was not stored and the previous version stays the latest; check the device_type and the account's access to the configuration`,
    { details: { command, driver: driver.name, reason, firstLine: firstLine.slice(0, 200) } },
  );
}

/**
 * Runs the rules over an output's text and releases it (sets it to ''). A function of its own so that no frame
 * still on the stack when the caller collects garbage holds the cleaned text (the heap snapshot of a 10 MB
 * retrieval showed it kept alive by a stack slot of the loop's frame).
 */
function takeAndRule(output: CommandOutput, rules: CompiledRules, options: { redact: boolean; isConfig: boolean }): { result: ContentBlocksResult; cleanedChars: number } {
  const text = output.text;
  output.text = '';
  return { result: applyContentRuleBlocks(text, rules, options), cleanedChars: text.length };
}

/**
 * Applies the driver's content rules to every output (one pass each), checks that the
 * configuration looks like one (marker line, every block closed), reads the facts and joins the
 * outputs in driver order: info output as comments, configuration as is.
 * Consumes `outputs`: each output's text is released (set to '') once its rules ran, so a 100 MB configuration
 * is not held as cleaned, ruled and assembled text at once; only outputs a fact rule reads are kept until the end.
 * Throws CONFIG_NOT_RECOGNISED for output that is not a configuration; a rejected info command
 * or a configuration the device partly hid becomes a warning.
 */
export function assembleConfiguration(driver: Driver, outputs: CommandOutput[], options: { redact: boolean; label: string }): AssembledConfiguration {
  const rules = compileContentRules(driver);
  const warnings: RetrievalWarning[] = [];
  const processed: ProcessedOutput[] = [];
  // Every heading and text in order, joined once with \n (a per-section join would copy the configuration again).
  const pieces: string[] = [];
  const factCommands = new Set(driver.facts.map((rule) => rule.command));
  let markerSeen = false;
  let lastConfig: { command: string; firstLine: string } | undefined;
  for (const output of outputs) {
    const { spec } = output;
    if (output.rejectedWith !== undefined) {
      warnings.push({
        code: 'INFO_COMMAND_REJECTED',
        command: output.command,
        message: `the device rejected the auxiliary command "${output.command}" ("${output.rejectedWith.slice(0, 120)}"); the configuration was still retrieved, without that command's facts and comments`,
      });
      continue;
    }
    const isConfig = spec.role === 'config';
    const { result, cleanedChars } = takeAndRule(output, rules, { redact: options.redact, isConfig });
    // The cleaned text, before the final join copies the ruled blocks.
    releaseLargeCopies(cleanedChars);
    const { blocks } = result;
    const hasText = blocks.length > 1 || (blocks[0]?.length ?? 0) > 0;
    // Small outputs (info commands) are read as one text; the configuration never is.
    const joined = (): string => (blocks.length === 1 ? blocks[0]! : blocks.join('\n'));
    if (isConfig) {
      // A block ends at a line end, so the first line is within the first block.
      const firstLine = firstLineOf(blocks[0] ?? '', rules.secrets);
      if (result.unterminated !== null) {
        throw notRecognised(driver, options.label, output.command, `the ${result.unterminated.block} starting at line ${result.unterminated.line} never ends`, firstLine);
      }
      markerSeen ||= result.markerSeen;
      lastConfig = { command: output.command, firstLine };
      for (const warning of result.incomplete) warnings.push({ code: 'CONFIG_INCOMPLETE', command: output.command, message: warning });
    }
    if (factCommands.has(spec.command)) processed.push({ spec, text: joined() });
    if (spec.heading !== undefined) pieces.push(`${driver.commentPrefix}${spec.heading}`);
    // The configuration's blocks go into the one final join as they are (no joined copy of it is ever made).
    if (hasText && isConfig) for (const block of blocks) pieces.push(block);
    else if (hasText) pieces.push(commentOut(joined(), driver.commentPrefix));
  }
  if (!markerSeen) {
    const config = lastConfig ?? { command: driver.commands.find((c) => c.role === 'config')?.command ?? '', firstLine: '' };
    throw notRecognised(driver, options.label, config.command, `no ${driver.configShape.description}`, config.firstLine);
  }
  // One join with the final line end (a template literal would make a rope, copied once more when read).
  pieces.push('');
  const facts = parseFacts(driver, processed);
  return { content: pieces.join('\n'), facts, warnings };
}
