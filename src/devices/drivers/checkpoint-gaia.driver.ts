/**
 * Check Point Gaia (security gateways and management servers), Gaia R80.40 to R81.20, through clish.
 * Followed: Gaia Administration Guide R81.20 ("Command Line Reference": show configuration, save/load
 * configuration, set clienv; "Expert Mode"; "User Management", "SNMP", "Authentication Servers") and
 * sk144112 (clish configuration lock).
 */
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const checkpointGaia: Driver = {
  name: 'checkpoint_gaia',
  vendor: 'Check Point',
  description: 'Check Point Gaia gateways and management servers (clish, R80.40–R81.20)',
  mode: 'shell',
  // "gw-edge-01>" in clish; a VSX context or TACACS privilege adds ":0" / ":TACP-0" before '>'.
  // Hostname rule: Gaia Administration Guide, "Host Name" — letters, digits, '-', '_' and '.', up to 64.
  promptPattern: /^[\w.\-]{1,64}(?::[\w\-]{1,16}){0,2}>$/,
  // An account whose shell is bash lands in Expert mode ("[Expert@gw-edge-01:0]#"): "clish" starts clish.
  shellEscape: { prompt: /^\[Expert@[\w.\-]{1,64}(?::\d+)?\]#$/, command: 'clish' },
  // Session setting only ("save clienv" would persist it): no pager for this session. Refused → pager answers.
  setupCommands: ['set clienv rows 0'],
  // PAM's forced password change at login ("You are required to change your password immediately").
  loginStops: [
    {
      pattern: /change your password immediately|^\(current\) UNIX password:$|^(?:Enter )?new (?:UNIX )?password:$/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show version all', role: 'info' },
    { command: 'show asset all', role: 'info' },
    // Every clish setting as the set/add commands "load configuration" replays (Gaia Administration Guide,
    // "show configuration", "save configuration"): user password hashes included, so it restores the OS
    // settings. The security policy lives on the management server and is backed up there (migrate export).
    { command: 'show configuration', role: 'config' },
  ],
  // clish errors carry a CLINFR code: "CLINFR0329  Invalid command:'show foo'.", "CLINFR0409  Incomplete command."
  errorPatterns: [/^CLINFR\d{4}\s+(?:Invalid|Incomplete|Ambiguous) command/, /^CLINFR\d{4}\s+(?:Permission denied|Not authorized|Access denied)/i],
  // The export header names who ran it and when (Gaia Administration Guide, "show configuration").
  volatileLines: [/^# Exported by \S+ on /],
  secretPatterns: [
    /^(set user \S+ password-hash )(\S+)/m,
    /^(set expert-password-hash )(\S+)/m,
    /^(set grub-password-hash )(\S+)/m,
    /^(add snmp community )(\S+)/m,
    /^(add snmp usm user \S+ .*?auth-pass-phrase-hashed )(\S+)/m,
    /^(add snmp usm user \S+ .*?privacy-pass-phrase-hashed )(\S+)/m,
    /^(add aaa (?:radius|tacacs)-servers .*? (?:secret|key) )(\S+)/m,
    /^(set ospf .*? secret )(\S+)/m,
  ],
  facts: [
    { fact: 'osVersion', command: 'show version all', pattern: /^Product version Check Point Gaia (\S+)$/m },
    { fact: 'model', command: 'show asset all', pattern: /^Model: (.+)$/m },
    { fact: 'serial', command: 'show asset all', pattern: /^Serial Number: (\S+)$/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^# Configuration of \S+$/, description: '"# Configuration of <hostname>" header' },
  // Expert mode is bash.
  shellErrors: LINUX_SHELL_ERRORS,
  // Detection: "show version all" names Gaia (Gaia Administration Guide, "show version"); the clish prompt is
  // the Cisco-like name>.
  detection: {
    prompt: [{ pattern: /^[\w.\-]+(?::[\w\-]+)*>$/, weight: 2 }],
    loginText: [{ pattern: /\bGaia\b|Check Point/, weight: 5 }],
    probes: [{ command: 'show version all', evidence: [{ pattern: /^Product version Check Point Gaia R\d+/m, weight: 10 }] }],
  },
};
