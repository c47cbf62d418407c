/**
 * Netgate TNSR (VPP-based routers and Netgate 8200/1500 appliances), TNSR 23.11 to 25.02, through the TNSR CLI.
 * Followed: TNSR documentation "Configuration Database" (startup, candidate and running databases; "show
 * configuration running", output formats), "Working in the TNSR CLI" (command prompt), "Configuration Backup
 * and Restore" (configuration copy … candidate), "User Management" and "IPsec" (secret storage).
 */
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const netgateTnsr: Driver = {
  name: 'netgate_tnsr',
  vendor: 'Netgate',
  description: 'Netgate TNSR routers (running configuration database, XML)',
  mode: 'shell',
  // "<host name> tnsr# ", "<host name> tnsr(config)# " ("Working in the TNSR CLI", "Command prompt").
  // Host name rule: "system name" — an RFC 1123 host name, letters, digits and '-' (dots for a domain).
  promptPattern: /^[\w.\-]{1,63} tnsr(?:\([\w\-]{1,48}\))?#$/,
  // TNSR documents no command that turns its pager off: "--More--" is answered with a space.
  setupCommands: [],
  loginStops: [
    {
      pattern: /change your password immediately|^\(current\) (?:UNIX )?password:$|^New password:$/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show version all', role: 'info' },
    // The running database in XML, its native format: what "configuration copy <file> candidate" then
    // "configuration candidate commit" restores ("Configuration Database"). The "cli" format only replays
    // parts on another instance and is not a full restore.
    { command: 'show configuration running', role: 'config' },
  ],
  // The clixon CLI: 'CLI syntax error: "show foo": Unknown command', "Error: access denied".
  errorPatterns: [/^CLI syntax error: /, /^Error: /, /^% ?(?:Invalid|Unknown|Incomplete) (?:command|input)/],
  // The XML database holds no clock or counter, and "show version all" prints build data only.
  volatileLines: [],
  secretPatterns: [/^(\s*<(?:user-password|password|pre-shared-key|psk|secret|community-name|auth-key|priv-key)>)([^<]+)/m],
  facts: [{ fact: 'osVersion', command: 'show version all', pattern: /^Version: tnsr-v(\S+)$/m }],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^<\/config>$/, description: 'closing "</config>" line' },
  // The host operating system's shell (an account whose shell is bash rather than the TNSR CLI).
  shellErrors: LINUX_SHELL_ERRORS,
  // Detection: the login banner "Welcome to Netgate TNSR" and the "<host> tnsr#" prompt are TNSR's alone.
  detection: {
    loginText: [{ pattern: /Welcome to Netgate TNSR/, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+ tnsr(?:\([\w\-]+\))?#$/, weight: 10 }],
    probes: [{ command: 'show version all', evidence: [{ pattern: /^Version: tnsr-v\d/m, weight: 10 }] }],
  },
};
