/** Per-driver transcript fixtures: what the simulated CLI prints and how it reacts. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A command's reply: a file in the fixture folder or inline text; may change the prompt afterwards. */
export interface CommandReply {
  file?: string;
  text?: string;
  /** New prompt after this command (FortiOS "config system console" → "FGT (console) # "). */
  prompt?: string;
  /** True for the command(s) that disable paging: refused when the simulator runs in pager mode. */
  disablesPaging?: boolean;
}

export interface TranscriptFile {
  driver: string;
  /** Prompt after login; placeholders {hostname} and {username}. */
  prompt: string;
  /** Optional splash gate before the first prompt (ProCurve "Press any key to continue"). */
  pressAnyKey?: string;
  motd?: string;
  enable?: { command: string; passwordPrompt: string; prompt: string; failure: string };
  errorReply: string;
  pager: { prompt: string; erase: string };
  commands: Record<string, string | CommandReply>;
  /** The command whose reply gets the padding, the stall and the control-sequence injection. */
  configCommand: string;
  /** A block repeated (with {n}) at {padding} in the config to reach a requested size. */
  paddingBlock?: string;
  /** exec mode: commands arrive over exec channels; unknown ones print errorReply on stderr, exit 127. */
  exec?: boolean;
  /** Suffixes like "+ct" are stripped from the login name before checking users (RouterOS). */
  stripUsernameSuffix?: boolean;
  exitCommands: string[];
}

export interface Transcript extends TranscriptFile {
  /** Command → reply text, read once per process. */
  replies: Map<string, { text: string; prompt?: string; disablesPaging: boolean }>;
  /** The expected cleaned configuration of a default fetch (expected.txt), if present. */
  expected?: string;
}

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/devices');
const cache = new Map<string, Transcript>();

/** Folder holding the transcript of a driver. */
export function fixtureDir(driver: string): string {
  return join(FIXTURES, driver);
}

/** Loads (once) and returns the transcript of a driver. */
export function loadTranscript(driver: string): Transcript {
  const cached = cache.get(driver);
  if (cached !== undefined) return cached;
  const dir = fixtureDir(driver);
  const file = JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8')) as TranscriptFile;
  const replies = new Map<string, { text: string; prompt?: string; disablesPaging: boolean }>();
  for (const [command, spec] of Object.entries(file.commands)) {
    const reply: CommandReply = typeof spec === 'string' ? { file: spec } : spec;
    const text = reply.file !== undefined ? readFileSync(join(dir, reply.file), 'utf8').replace(/\n$/, '') : (reply.text ?? '');
    replies.set(command, { text, prompt: reply.prompt, disablesPaging: reply.disablesPaging === true });
  }
  let expected: string | undefined;
  try {
    expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
  } catch {
    expected = undefined;
  }
  const paddingBlock = file.paddingBlock === undefined ? undefined : readFileSync(join(dir, file.paddingBlock), 'utf8');
  const transcript: Transcript = { ...file, paddingBlock, replies, expected };
  cache.set(driver, transcript);
  return transcript;
}

/**
 * Loads a dialogue fixture (test/fixtures/devices/<driver>/dialogue/<name>.json): simulator options that make the
 * device ask questions, page or draw its prompt in a particular way. "about" says which vendor behaviour it is.
 */
export function loadDialogue(driver: string, name: string): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(join(fixtureDir(driver), 'dialogue', `${name}.json`), 'utf8')) as Record<string, unknown>;
  delete parsed.about;
  return parsed;
}
