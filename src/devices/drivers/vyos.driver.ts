/** VyOS (and Vyatta-style CLIs). */
import type { Driver } from './driver.js';

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
    { command: 'show configuration commands', role: 'config' },
  ],
  errorPatterns: [/^\s*Invalid command:/, /^\s*Configuration path: .* is not valid/, /^-?vbash: /],
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
};
