/** Cisco NX-OS (Nexus). */
import { CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';

export const ciscoNxos: Driver = {
  name: 'cisco_nxos',
  vendor: 'Cisco',
  description: 'Cisco NX-OS (Nexus switches)',
  mode: 'shell',
  // Hostname rule: Cisco Nexus Fundamentals Configuration Guide, `hostname`/`switchname` — up to 63 alphanumeric
  // characters; maintenance mode (GIR) adds "(maint-mode)" before the '#'. CISCO_PROMPT admits both.
  promptPattern: CISCO_PROMPT,
  loginStops: CISCO_LOGIN_STOPS,
  setupCommands: ['terminal length 0', 'terminal width 511'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: CISCO_ERRORS,
  volatileLines: [/^!Time:/, /^!Running configuration last done at:/, /^Kernel uptime is /, /^\s*Last reset/, /^\s*Reason: /],
  secretPatterns: [...CISCO_SECRETS, /^(snmp-server user \S+ \S+ auth \S+ \S+ priv (?:aes-128 )?)(\S+)/m],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^\s*cisco (Nexus\s?\S+(?: \S+)*?) [Cc]hassis/m },
    { fact: 'osVersion', command: 'show version', pattern: /^\s*NXOS: version (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^\s*system:\s+version (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^\s*Processor Board ID (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
};
