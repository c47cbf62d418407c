/**
 * SonicWall firewalls (TZ, NSa, NSsp, NSv) running SonicOS 7.0 and 7.1, through the SonicOS CLI over SSH.
 * Followed: SonicOS 7 Command Line Interface Reference Guide ("cli pager", "show version", "show current-config",
 * "export current-config"), SonicOS 7 System Administration Guide ("Firmware & Settings: export settings"),
 * SonicWall KB "How to back up the configuration from the CLI".
 */
import type { Driver } from './driver.js';

export const sonicwallSonicos: Driver = {
  name: 'sonicwall_sonicos',
  vendor: 'SonicWall',
  description: 'SonicWall firewalls (SonicOS 7 CLI)',
  mode: 'shell',
  // "admin@2CB8ED694F80>" — the administrator and the unit's serial number; configuration mode
  // "config(2CB8ED694F80)#". Administrator names: up to 32 characters (System Administration Guide, "Users").
  promptPattern: /^(?:[\w.\-]{1,32}@[0-9A-Fa-f]{12}>|config\([0-9A-Fa-f]{12}\)#)$/,
  // Session only (the saved "cli pager default" is left alone).
  setupCommands: ['no cli pager session'],
  // A second administrator session asks whether to preempt the other one: never answered (it would log
  // the other administrator out), so it ends as QUESTION_UNANSWERED naming the question.
  loginStops: [
    {
      pattern: /^(?:Please )?(?:enter|change) (?:a )?new password:?$|password (?:has )?expired/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show version', role: 'info' },
    // The whole configuration in CLI form, secrets in their encrypted "N,…" form: what "export current-config
    // cli" writes and the CLI replays to restore (CLI Reference, "show current-config"). The binary .exp
    // settings file of the web interface is not reachable over SSH.
    { command: 'show current-config', role: 'config' },
  ],
  // "% Unknown command.", "% Incomplete command.", "Error: Access denied".
  errorPatterns: [/^% ?(?:Unknown|Incomplete|Invalid|Ambiguous) command/, /^Error: /],
  volatileLines: [
    // show version: the clock and the uptime.
    /^\s*system-time "/,
    /^\s*system-uptime "/,
    // show current-config ends with a checksum SonicOS recomputes with run-time state.
    /^\s*checksum \d+$/,
  ],
  secretPatterns: [
    // Encrypted values are written "<keyword> <method>,<ciphertext>" (4 = the appliance key).
    /^(\s*(?:admin password|password|shared-secret|shared-key|secret|passphrase|wpa passphrase|ftp password|bind-password|community (?:get|set|trap)|auth-key|priv-key) \d,)(\S+)/m,
  ],
  facts: [
    { fact: 'osVersion', command: 'show version', pattern: /^\s*firmware-version "SonicOS ([^"]+)"/m },
    { fact: 'model', command: 'show version', pattern: /^\s*model "([^"]+)"/m },
    { fact: 'serial', command: 'show version', pattern: /^\s*serial-number "([^"]+)"/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^administration$/, description: '"administration" section' },
  // SonicOS has no system shell behind the CLI.
  shellErrors: [],
  // Detection: the login banner's "SonicWall" copyright, the user@serial prompt, "show version" naming SonicOS.
  detection: {
    loginText: [{ pattern: /Copyright \(c\) \d{4}(?:-\d{4})? SonicWall/i, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+@[0-9A-Fa-f]{12}>$/, weight: 5 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^\s*firmware-version "SonicOS /m, weight: 10 }] }],
  },
};
