/** VyOS (and Vyatta-style CLIs). */
import { LESS_FORMS } from '../pager.js';
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const vyos: Driver = {
  name: 'vyos',
  vendor: 'VyOS',
  description: 'VyOS routers',
  mode: 'shell',
  // "vyos@vyos:~$", configuration mode "vyos@vyos#" ("[edit]" above). Name rule: VyOS documentation,
  // `system host-name` — RFC 1123 label: letters, digits, '-', up to 63 characters; user names follow Linux
  // useradd (letters, digits, '.', '-', '_', up to 32).
  promptPattern: /^[\w.\-]{1,32}@[\w.\-]{1,63}(?::[^\s$#]*)?[$#]$/,
  // VyOS 1.2/1.3 syntax; EdgeOS and VyOS 1.4 refuse it and page through less, whose prompts are answered.
  setupCommands: ['set terminal length 0', 'set terminal width 0'],
  pagers: LESS_FORMS,
  commands: [
    { command: 'show version', role: 'info' },
    // The whole configuration as "set" commands, secrets in stored form (encrypted-password hashes,
    // keys): pasted into configure mode it re-creates the router (VyOS documentation, "Configuration
    // Overview": "show configuration commands").
    { command: 'show configuration commands', role: 'config' },
  ],
  errorPatterns: [/^\s*Invalid command:/, /^\s*Configuration path: .* is not valid/, /^-?vbash: /],
  // show version's uptime line; the configuration commands carry no clock or counter.
  volatileLines: [/^Uptime:/],
  secretPatterns: [
    /^(set \S.*? (?:encrypted-password|plaintext-password|pre-shared-secret|secret|password|key) )('[^']*'|\S+)/m,
    /^(set service snmp community )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Hardware model:\s+(.+)$/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Version:\s+VyOS (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Hardware S\/N:\s+(\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  // Every VyOS configuration has "set system …" lines (host name, login users).
  configShape: { marker: /^set system /, description: '"set system" line' },
  // An account created as a plain Linux user logs into bash, which knows no VyOS command.
  shellErrors: LINUX_SHELL_ERRORS,
  // Detection: "Welcome to VyOS!" at login and "Version: VyOS 1.3.4" in "show version" (VyOS documentation,
  // "Command Line Interface"); the bash-style prompt is shared with Linux.
  detection: {
    loginText: [{ pattern: /Welcome to VyOS/, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+@[\w.\-]+:[^\s$#]*[$#]$/, weight: 3 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Version: +VyOS \S+/m, weight: 10 }] }],
  },
};
