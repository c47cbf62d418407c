/** Cisco IOS-XR (ASR 9000, NCS, CRS). */
import { CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { CISCO_BANNER, ENDS_WITH_END } from './cisco-content.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const ciscoIosxr: Driver = {
  name: 'cisco_iosxr',
  vendor: 'Cisco',
  description: 'Cisco IOS-XR (ASR 9000, NCS, CRS)',
  mode: 'shell',
  // "RP/0/RSP0/CPU0:xr1#" (node prefix), context suffixes "(config-if)". Hostname rule: Cisco IOS XR System
  // Management Command Reference, `hostname` — letters, digits, hyphens, up to 63 characters (dots accepted).
  promptPattern: /^(?:[A-Z]+\/\d+\/\w+\/CPU\d+:)?[\w.\-~+@]{1,63}(?:\([\w.\-~+/:]{1,48}\))*[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  setupCommands: ['terminal length 0', 'terminal width 0'],
  commands: [
    { command: 'show version', role: 'info' },
    // The committed configuration with secrets in stored form (type 7/10): what "load" + "commit
    // replace" restores (IOS XR System Management Configuration Guide, "Configuration Management").
    { command: 'show running-config', role: 'config' },
  ],
  // Task-based authorization refuses with "% This command is not authorized" (IOS XR System Security Configuration Guide).
  errorPatterns: [...CISCO_ERRORS, /^% This command is not authorized/],
  volatileLines: [
    // XR prints the current time before every command's output.
    /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+$/,
    /^!! Last configuration change at /,
    /^Building configuration\.\.\./,
    // "xr1 uptime is …" and "System uptime is …".
    / uptime is /,
  ],
  secretPatterns: CISCO_SECRETS,
  facts: [
    { fact: 'model', command: 'show version', pattern: /^cisco (\S+(?: Series)?) \(.*?\) processor/m },
    { fact: 'osVersion', command: 'show version', pattern: /Cisco IOS XR Software, Version (\S+)/ },
    { fact: 'serial', command: 'show version', pattern: /^\s*Chassis Serial Number\s*:\s*(\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: ENDS_WITH_END,
  // 64-bit XR runs on Linux: an account given the bash shell answers like one.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [CISCO_BANNER],
  // Detection: the node prefix of the prompt ("RP/0/RSP0/CPU0:") is XR's alone (Cisco IOS XR Getting Started
  // Guide, "CLI prompt"), and "show version" says "Cisco IOS XR Software".
  detection: {
    prompt: [{ pattern: /^[A-Z]+\/\d+\/\w+\/CPU\d+:/, weight: 10 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /Cisco IOS XR Software/, weight: 10 }] }],
  },
};
