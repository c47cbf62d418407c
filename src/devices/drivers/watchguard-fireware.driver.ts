/**
 * WatchGuard Firebox (T, M and FireboxV series) running Fireware 12.5 to 12.10, through the Fireware CLI over
 * SSH (port 4118). Followed: Fireware Command Line Interface Reference ("export config", "show sysinfo",
 * command modes and the "WG#" prompt), Fireware Help ("Logon Disclaimer", "Save the configuration file",
 * "Restore a Firebox configuration").
 */
import type { Driver } from './driver.js';

export const watchguardFireware: Driver = {
  name: 'watchguard_fireware',
  vendor: 'WatchGuard',
  description: 'WatchGuard Firebox (Fireware CLI, config.xml)',
  mode: 'shell',
  // The CLI prompt is "WG" whatever the device name, "#" in main mode (admin), ">" for status accounts, with
  // the mode in parentheses ("WG(config)#", "WG(config/if-fe0)#") (CLI Reference, "Command modes").
  promptPattern: /^WG(?:\([\w\-/]{1,48}\))?[#>]$/,
  // Fireware has no command to turn paging off; the pager answers take over if output pages.
  setupCommands: [],
  // Fireware 11.9.3 and later may show a logon disclaimer that must be accepted before the CLI
  // (Fireware Help, "Logon Disclaimer"); accepting it is what every administrator does to log in.
  loginAnswers: [{ pattern: /I have read and accept the Logon Disclaimer message\. \(yes or no\)\?$/, reply: 'yes\n' }],
  loginStops: [
    {
      pattern: /^(?:Please )?(?:enter|change) (?:a |your )?new password:?$|password (?:has )?expired/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show sysinfo', role: 'info' },
    // The device's whole configuration file (the XML profile Policy Manager and the Web UI save and restore,
    // Fireware Help, "Save the configuration file"); passphrases are stored encrypted in it.
    { command: 'export config to console', role: 'config' },
  ],
  // "% Invalid command", "% Error: Permission denied", "% Incomplete command".
  errorPatterns: [/^% ?(?:Invalid|Incomplete|Unknown|Ambiguous) (?:command|input)/i, /^% ?Error\b/],
  // show sysinfo: the clock, the uptime and the load (CLI Reference, "show sysinfo").
  volatileLines: [/^\s*(?:system time|up ?time|cpu usage|memory usage|load average)\s*:/i],
  secretPatterns: [/^(\s*<(?:password|passphrase|shared-secret|pre-shared-key|psk|community|auth-key|priv-key|secret)>)([^<]+)/m],
  facts: [
    { fact: 'osVersion', command: 'show sysinfo', pattern: /^\s*software version\s*:\s*(\S+)/im },
    { fact: 'model', command: 'show sysinfo', pattern: /^\s*model\s*:\s*(\S+)/im },
    { fact: 'serial', command: 'show sysinfo', pattern: /^\s*serial number\s*:\s*(\S+)/im },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^<\/profile>$/, description: 'closing "</profile>" line' },
  // The Fireware CLI is the only shell an account gets.
  shellErrors: [],
  // Detection: the login banner names "WatchGuard Fireware OS", the prompt is the fixed "WG#".
  detection: {
    loginText: [
      { pattern: /WatchGuard Fireware OS Version \d/, weight: 10 },
      { pattern: /I have read and accept the Logon Disclaimer message/, weight: 5 },
    ],
    prompt: [{ pattern: /^WG(?:\([\w\-/]+\))?[#>]$/, weight: 3 }],
    probes: [{ command: 'show sysinfo', evidence: [{ pattern: /^\s*software version\s*:\s*1[12]\.\d+\.\d+\.B\d+/im, weight: 10 }] }],
  },
};
