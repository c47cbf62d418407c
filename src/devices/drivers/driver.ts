/** The declarative shape every vendor driver fills in; the shared session does all the I/O. */
import type { PagerForm } from '../pager.js';

export type FactName = 'model' | 'osVersion' | 'serial';

/** One command whose output becomes part of the stored configuration. */
export interface DriverCommand {
  command: string;
  /** 'info' output (show version…) is stored as comments; 'config' output is stored as is. */
  role: 'info' | 'config';
  /** Optional heading written as a comment line before the output (useful when several files are concatenated). */
  heading?: string;
}

/** A regular expression whose first capture group is the fact's value. */
export interface FactPattern {
  fact: FactName;
  command: string;
  pattern: RegExp;
}

/** A line rewrite: volatile content that has no stable form is replaced by a marker. */
export interface Rewrite {
  pattern: RegExp;
  replacement: string;
}

/** A secret: group 1 is kept, group 2 is the secret that gets replaced by the redaction marker. */
export type SecretPattern = RegExp;

// ---- The dialogue with the device: prompt, questions before the first prompt, pagers, shell escape ----

/** Something the device asks before its first prompt, and what to answer (never a secret). */
export interface LoginAnswer {
  /** Matched against the shown last line while the device waits. */
  pattern: RegExp;
  /** Sent as is: a key (' ', 'a') or a line ('n\n'); never a credential. */
  reply: string;
}

/** A question before the first prompt that must not be answered: the login stops with code and what to do. */
export interface LoginStop {
  pattern: RegExp;
  code: 'PASSWORD_EXPIRED';
  /** What the operator does, e.g. "change the password on the device, then update the credential". */
  action: string;
}

/** A prompt reached at login that is not the CLI (Junos root lands in the FreeBSD shell): send command first. */
export interface ShellEscape {
  /** Matches the shell prompt line. */
  prompt: RegExp;
  /** Starts the CLI (Junos: "cli"). */
  command: string;
}

/** The dialogue fields of a driver (kept together: content fields live in Driver below). */
export interface DriverDialogue {
  /**
   * Matches a whole prompt line (after control sequences and trailing blanks are removed). Must admit every
   * hostname the platform allows (each driver names the rule's source); the exact prompt is then learned
   * and confirmed at login, so a wide pattern cannot end a command early.
   */
  promptPattern: RegExp;
  /** Commands that disable paging / colours; a refusal is tolerated (the pager answers take over). */
  setupCommands: string[];
  /** Pager prompts of this platform beyond the common ones (e.g. LESS_FORMS where the CLI pages through less). */
  pagers?: PagerForm[];
  /** Appended to the username at login (RouterOS '+ct' turns off colours and terminal detection). */
  usernameSuffix?: string;
  /** Questions the platform asks between authentication and its first prompt, with their answers. */
  loginAnswers?: LoginAnswer[];
  /** Questions that must stop the login (forced password change). */
  loginStops?: LoginStop[];
  /** A non-CLI prompt some accounts land in, and how to leave it. */
  shellEscape?: ShellEscape;
  enable?: EnableSteps;
}

export interface EnableSteps {
  command: string;
  /** Matches the last line when the device asks for the enable secret. */
  passwordPrompt: RegExp;
  /** Matches a prompt that is already privileged (so no enable step is needed). */
  privilegedPrompt: RegExp;
}

export interface AlgorithmLists {
  kex?: string[];
  cipher?: string[];
  serverHostKey?: string[];
  hmac?: string[];
}

export interface Driver extends DriverDialogue {
  name: string;
  vendor: string;
  description: string;
  /** 'shell' = one interactive pty shell; 'exec' = one exec channel per command (no prompt handling). */
  mode: 'shell' | 'exec';
  commands: DriverCommand[];
  /** Checked against the first lines of each command's output. */
  errorPatterns: RegExp[];
  /** Lines that change between retrievals without a configuration change; dropped. */
  volatileLines: RegExp[];
  /** Volatile fragments replaced by a stable marker. */
  volatileRewrites?: Rewrite[];
  secretPatterns: SecretPattern[];
  facts: FactPattern[];
  /** Comment leader used for 'info' output and headings. */
  commentPrefix: string;
  /** Algorithm lists that replace the session defaults for this platform. */
  algorithms?: AlgorithmLists;
  /** Line to send before closing the shell (best effort). */
  exitCommand?: string;
}
