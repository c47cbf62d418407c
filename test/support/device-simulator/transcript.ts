/** Per-driver transcript fixtures: what the simulated CLI prints and how it reacts. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { DeviceBehaviour } from './behaviour.js';
import { dirname, join, resolve } from 'node:path';
import type { SimulatedShellLogin } from './behaviour.js';
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
  /** The platform asks for user and password again inside the session (AireOS), after the MOTD. */
  inShellLogin?: SimulatedShellLogin;
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
  /** What follows "SSH-2.0-" in the server's identification string ("Cisco-1.25", "OpenSSH_9.2p1 Debian-2"). */
  sshIdent?: string;
  /** Secret values present in this transcript: none may survive redaction (the shared driver suite checks). */
  secrets?: string[];
  /** Simulator options this transcript needs (a pager variant's pagerEveryLines/pagerStyle); a test's own options win. */
  simulate?: DeviceBehaviour;
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

/**
 * A variant's transcript.json (in `<driver>/<variant>/`) holds only what differs from the driver's
 * transcript: its fields replace the driver's, its commands are added to the driver's (a command
 * set to null is removed), and its reply files are looked up in the variant's folder first.
 */
type VariantFile = Partial<Omit<TranscriptFile, 'commands'>> & { commands?: Record<string, string | CommandReply | null> };

function readOptional(paths: string[]): string | undefined {
  for (const path of paths) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // Try the next place.
    }
  }
  return undefined;
}

/** Loads (once) and returns the transcript of a driver, or of one of its variants (a sub-folder of its fixtures). */
export function loadTranscript(driver: string, variant?: string): Transcript {
  const key = variant === undefined ? driver : `${driver}/${variant}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const base = fixtureDir(driver);
  const dirs = variant === undefined ? [base] : [join(base, variant), base];
  const baseFile = JSON.parse(readFileSync(join(base, 'transcript.json'), 'utf8')) as TranscriptFile;
  const overlay = variant === undefined ? {} : (JSON.parse(readFileSync(join(dirs[0]!, 'transcript.json'), 'utf8')) as VariantFile);
  const commands: Record<string, string | CommandReply | null> = { ...baseFile.commands, ...overlay.commands };
  const file: TranscriptFile = { ...baseFile, ...overlay, commands: {} };
  const read = (name: string): string => {
    const text = readOptional(dirs.map((dir) => join(dir, name)));
    if (text === undefined) throw new Error(`transcript ${key}: reply file ${name} not found`);
    return text;
  };
  const replies = new Map<string, { text: string; prompt?: string; disablesPaging: boolean }>();
  for (const [command, spec] of Object.entries(commands)) {
    if (spec === null) continue;
    file.commands[command] = spec;
    const reply: CommandReply = typeof spec === 'string' ? { file: spec } : spec;
    const text = reply.file !== undefined ? read(reply.file).replace(/\n$/, '') : (reply.text ?? '');
    replies.set(command, { text, prompt: reply.prompt, disablesPaging: reply.disablesPaging === true });
  }
  const expected = readOptional([join(dirs[0]!, 'expected.txt')]);
  const paddingBlock = file.paddingBlock === undefined ? undefined : read(file.paddingBlock);
  const transcript: Transcript = { ...file, paddingBlock, replies, expected };
  cache.set(key, transcript);
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

/** The widest legal prompt of a platform (dialogue/widest-prompt.json): who logs in where, and what must be learned. */
export interface WidestPrompt {
  /** The hostname rule and the document it comes from. */
  about: string;
  hostname: string;
  /** Replaces the transcript's prompt ({hostname}, {username} filled) when the platform adds context to it. */
  prompt?: string;
  /** Login name, when the prompt shows it (Junos, PAN-OS, VyOS); default admin. */
  username?: string;
  /** The exact prompt the session must learn. */
  learned: string;
}

/** Reads dialogue/widest-prompt.json of a driver, or undefined when the file is missing. */
export function loadWidestPrompt(driver: string): WidestPrompt | undefined {
  const path = join(fixtureDir(driver), 'dialogue', 'widest-prompt.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as WidestPrompt;
}

/** True when the driver's fixtures have this variant (a sub-folder with a transcript.json). */
export function hasVariant(driver: string, variant: string): boolean {
  return existsSync(join(fixtureDir(driver), variant, 'transcript.json'));
}

/** The variants of a driver's fixtures: its sub-folders holding a transcript.json. */
export function variantsOf(driver: string): string[] {
  return readdirSync(fixtureDir(driver), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(fixtureDir(driver), entry.name, 'transcript.json')))
    .map((entry) => entry.name)
    .sort();
}
