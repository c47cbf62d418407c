/** Flags that make a simulated device behave like a difficult real one. */

export type SimulatedAuthMethod = 'password' | 'keyboard-interactive' | 'publickey';

export interface SimulatedUser {
  username: string;
  password?: string;
  /** OpenSSH-format public key accepted for public-key login. */
  publicKey?: string;
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
}
