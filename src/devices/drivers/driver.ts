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
  /** Tried in order while the device rejects the command (RouterOS 6 refuses v7's "show-sensitive"). */
  fallbacks?: string[];
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

/**
 * A CLI that asks for the account again inside the SSH session, before its first prompt: AireOS accepts any SSH
 * authentication and then shows "User:" / "Password:" (Cisco Wireless Controller Configuration Guide, "Using the
 * CLI"); Cisco small-business switches do the same after key authentication or without `ip ssh password-auth`.
 * The session types the credential's username and password there (nowhere else), once each.
 */
export interface InShellLogin {
  /** Matches the shown last line when the device asks for the username ("User:", "User Name:"). */
  userPrompt: RegExp;
  /** Matches it when the device asks for the password. Only consulted before the first prompt (never enable's question). */
  passwordPrompt: RegExp;
}

/** The dialogue fields of a driver (kept together: content fields live in Driver below). */
export interface DriverDialogue {
  /**
   * Matches a whole prompt line (after control sequences and trailing blanks are removed). Must admit every
   * hostname the platform allows (each driver names the rule's source); the exact prompt is then learned
   * and confirmed at login, so a wide pattern cannot end a command early.
   */
  promptPattern: RegExp;
  /**
   * Parts of the prompt that change from command to command while the session stays where it is (ExtremeXOS
   * numbers its prompt with the command count, "X460G2.7 #", and stars it while changes are unsaved): removed
   * from both lines before one is compared with the learned prompt. Use the g flag when a part can repeat.
   */
  promptVariable?: RegExp;
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
  /** The platform's own username/password questions inside the session (AireOS "User:"). */
  inShellLogin?: InShellLogin;
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

  // What a stored configuration must be: applied by the shared session after the output is cleaned.
  /** A line every genuine configuration of the platform has; output without one is refused (CONFIG_NOT_RECOGNISED). */
  configShape: ConfigShape;
  /** Replies of a system shell the account may land in instead of the device CLI ("show: Command not found."). */
  shellErrors: RegExp[];
  /** Multi-line blocks (keys, certificates, banners) handled as a whole; the first rule whose start matches wins. */
  blocks?: BlockRule[];
  /** Lines showing the device hid part of the configuration from this account: stored, with a warning. */
  incompleteMarkers?: IncompleteMarker[];

  /** How `device_type auto` recognises this platform (issue 13); every driver declares its own evidence. */
  detection: DriverDetection;
}

/** One piece of evidence for a platform: a pattern and how strongly a match points at it. */
export interface DetectionEvidence {
  pattern: RegExp;
  /** Relative strength: 1 = a hint shared with other platforms, 10 = only this platform prints it. */
  weight: number;
}

/**
 * What `auto` detection reads, cheapest first: the SSH server's identification string ("SSH-2.0-Cisco-1.25"),
 * the text before the first prompt (banners), the prompt itself, then harmless probe commands (`show version`,
 * `uname -a`) whose output settles what the rest could not. Scores add up per driver; the strongest wins.
 */
export interface DriverDetection {
  sshIdent?: DetectionEvidence[];
  loginText?: DetectionEvidence[];
  prompt?: DetectionEvidence[];
  probes?: Array<{ command: string; evidence: DetectionEvidence[] }>;
}

/** The marker that tells a configuration from anything else the device might print. */
export interface ConfigShape {
  /** Tested on every line outside blocks, before volatile lines are dropped. */
  marker: RegExp;
  /** What the marker is, for the error message: 'a final "end" line'. */
  description: string;
}

/**
 * A block of lines treated as one unit. The start and end lines are kept; the lines between them
 * (the body) are handled by `kind`, and no line rule (volatile, secret) applies anywhere inside.
 * When the body is replaced, what follows the start match on the start line is part of the body.
 * - 'keep': stored verbatim (banners, certificates: text that could look like a rule's line).
 * - 'secret': the body becomes one redaction marker line when secrets are redacted (PEM private keys).
 * - 'volatile': the body changes on every display (a key re-encrypted each time): always one
 *   stable marker line, so it never causes a new version, and no line of it is ever stored.
 */
export interface BlockRule {
  /** Names the block in errors: 'PEM private key', 'banner'. */
  name: string;
  start: RegExp;
  /** Tested on the rest of the start line first (a one-line block), then on each following line; a function builds it from the start match (a banner's own delimiter). */
  end: RegExp | ((start: RegExpExecArray) => RegExp);
  kind: 'keep' | 'secret' | 'volatile';
}

/** A line that proves the stored configuration lacks something, and the warning that says how to fix it. */
export interface IncompleteMarker {
  pattern: RegExp;
  warning: string;
}
