/** VyOS (and Vyatta-style CLIs). */
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const vyos: Driver = {
  name: 'vyos',
  vendor: 'VyOS',
  description: 'VyOS routers',
  mode: 'shell',
  promptPattern: /^[\w.\-]+@[\w.\-]+:[~\w/.\-]*[$#]$/,
  // 1.2/1.3 syntax; 1.4 refuses it and the pager fallback covers the difference.
  setupCommands: ['set terminal length 0', 'set terminal width 0'],
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
};
