/** Cisco NX-OS (Nexus). */
import { CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { CISCO_BANNER } from './cisco-content.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

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
    // The whole configuration with secrets in stored form (type 5 passwords, localized SNMPv3 keys):
    // what "copy <file> running-config" restores. "… all" adds only defaults (Cisco Nexus 9000
    // Fundamentals Configuration Guide, "Working with Configuration Files").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: CISCO_ERRORS,
  volatileLines: [
    // show running-config header: the last change and the current time.
    /^!Time:/,
    /^!Running configuration last done at:/,
    /^!No configuration change since last restart/,
    // show version: uptime and the block that describes the last reset.
    /^Kernel uptime is /,
    /^\s*Last reset/,
    /^\s*Reason:/,
    /^\s*System version: /,
    /^\s*Service:/,
  ],
  secretPatterns: [...CISCO_SECRETS, /^(snmp-server user \S+ \S+ auth \S+ \S+ priv (?:aes-128 )?)(\S+)/m],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^\s*cisco (Nexus\s?\S+(?: \S+)*?) [Cc]hassis/m },
    { fact: 'osVersion', command: 'show version', pattern: /^\s*NXOS: version (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^\s*system:\s+version (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^\s*Processor Board ID (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  // "version 9.3(12) Bios:version 05.47" heads every NX-OS running configuration.
  configShape: { marker: /^version \d/, description: '"version" line' },
  // A user with "shelltype bash" (feature bash-shell) logs into bash.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [CISCO_BANNER],
  // Detection: NX-OS prints its name in the login banner and in "show version" (Cisco Nexus 9000 Series NX-OS
  // Fundamentals Configuration Guide, "show version").
  detection: {
    loginText: [{ pattern: /Cisco Nexus Operating System \(NX-OS\) Software/, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+(?:\([\w-]+\))?#$/, weight: 2 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /Cisco Nexus Operating System \(NX-OS\) Software/, weight: 10 }] }],
  },
};
