/** Flags that make a simulated device behave like a difficult real one. */

export type SimulatedAuthMethod = 'password' | 'keyboard-interactive' | 'publickey';

export interface SimulatedUser {
  username: string;
  password?: string;
  /** OpenSSH-format public key accepted for public-key login. */
  publicKey?: string;
  /** Questions for this account only, instead of the device's `loginQuestions` (an account whose password expired). */
  loginQuestions?: SimulatedQuestion[];
}

/** A question asked after authentication and before the first prompt; it waits for one key. */
export interface SimulatedQuestion {
  /** Written as is (CRLF added for bare LF); no line end after the question itself. */
  text: string;
  /** The key that answers it (compared case-insensitively); null: any key. */
  key: string | null;
  /** The answer is a whole line ("yes" then Enter) compared with key, instead of one key press. */
  line?: boolean;
  /** What a wrong key does: 'close' hangs up (the default, so a wrong answer fails loudly), 'ignore' keeps waiting. */
  onWrong?: 'close' | 'ignore';
}

/** A pager with strict keys: continueKey shows the next page, q quits (the rest is lost), others are ignored. */
export interface SimulatedPagerStyle {
  prompt: string;
  erase: string;
  continueKey?: string;
  /** A prompt shown after the final page too (less "(END)"), left only with its own key. */
  last?: { prompt: string; key: string; erase: string };
}

/**
 * The platform's own login inside the session (AireOS "User:" / "Password:"): SSH authentication accepts
 * anyone, the shell then asks for a user and password and checks them; a wrong pair prints `failure` and asks again.
 */
export interface SimulatedShellLogin {
  userPrompt: string;
  passwordPrompt: string;
  failure: string;
}

export interface DeviceBehaviour {
  /** Delay before each reply and each prompt (ms). */
  latencyMs?: number;
  /** Pads the configuration with realistic interface blocks until it is at least this many bytes. */
  configBytes?: number;
  /** Timestamps, uptimes and "last change" lines differ on every retrieval. */
  changingTimestamp?: boolean;
  /** Accepts the login and the shell, then never sends anything. */
  hangAfterLogin?: boolean;
  /** Offers only diffie-hellman-group1-sha1, aes128-cbc, hmac-sha1 and an ssh-rsa host key. */
  legacyAlgorithmsOnly?: boolean;
  /** Refuses the paging commands and stops with a pager prompt every N lines. */
  pagerEveryLines?: number;
  /** Text written before the MOTD in the shell (and sent as the SSH authentication banner). */
  banner?: string;
  /** Replaces the transcript's MOTD (may contain ANSI colours). */
  motd?: string;
  /** Sends nothing for ms once afterBytes of the configuration have been written. */
  stall?: { afterBytes: number; ms: number };
  /** Sprinkles OSC titles, CSI colours and NUL bytes through the configuration and the prompt. */
  injectControlSequences?: boolean;
  /** Authentication methods offered (default: all three). */
  authMethods?: SimulatedAuthMethod[];
  /** Allows direct-tcpip forwarding to 127.0.0.1 (the device acts as a jump host). */
  allowForwarding?: boolean;
  /** Hangs up after a wrong enable secret instead of showing the prompt again. */
  disconnectOnEnableFailure?: boolean;
  /** These commands get the transcript's error reply (or exit status 127 over exec). */
  rejectCommands?: string[];
  /** Presents a host key different from every other simulated device. */
  alternateHostKey?: boolean;
  /** Questions asked in order after the MOTD and before the first prompt. */
  loginQuestions?: SimulatedQuestion[];
  /** Raw text written after the MOTD, before the questions and the prompt, each piece after its delay (ms). */
  loginChunks?: { text: string; delayMs?: number }[];
  /** Replaces the transcript's prompt ({hostname} and {username} are filled). */
  prompt?: string;
  /** Keeps what is typed while the CLI is busy and reads it at the next prompt, as a tty does (default: dropped). */
  typeahead?: boolean;
  /** Does not echo typed command lines. */
  noEcho?: boolean;
  /** Replaces the transcript's pager prompt, with strict keys (used with pagerEveryLines). */
  pagerStyle?: SimulatedPagerStyle;
  /** Replaces (or adds) the transcript's in-shell login. */
  inShellLogin?: SimulatedShellLogin;
  /** Replaces the transcript's SSH identification (what follows "SSH-2.0-"). */
  sshIdent?: string;
  /** The account lands in a shell: every line but `enter` gets `error` ({command} filled); `enter` starts the CLI. */
  loginShell?: { prompt: string; enter: string; error: string };
}
