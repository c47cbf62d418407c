/** The declarative shape every vendor driver fills in; the shared session does all the I/O. */

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

/** Something the device asks before its first prompt, and what to answer (never a secret). */
export interface LoginAnswer {
  pattern: RegExp;
  reply: string;
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

export interface Driver {
  name: string;
  vendor: string;
  description: string;
  /** 'shell' = one interactive pty shell; 'exec' = one exec channel per command (no prompt handling). */
  mode: 'shell' | 'exec';
  /** Matches a whole prompt line (after control sequences and trailing spaces are removed). */
  promptPattern: RegExp;
  /** Commands that disable paging / colours; a refusal is tolerated (the pager fallback takes over). */
  setupCommands: string[];
  /** Extra pager prompts besides the common ones the session always knows. */
  pagerPatterns?: RegExp[];
  /** What to send to a pager prompt (default: a space). */
  pagerReply?: string;
  /** Appended to the username at login (RouterOS '+ct' turns off colours and terminal detection). */
  usernameSuffix?: string;
  loginAnswers?: LoginAnswer[];
  enable?: EnableSteps;
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
