/** Cisco ASA and Firepower in ASA mode. */
import { CISCO_ENABLE, CISCO_LOGIN_STOPS, CISCO_PROMPT } from './cisco-common.js';
import type { Driver } from './driver.js';

export const ciscoAsa: Driver = {
  name: 'cisco_asa',
  vendor: 'Cisco',
  description: 'Cisco ASA firewalls',
  mode: 'shell',
  // Hostname rule: Cisco ASA Command Reference, `hostname` — up to 63 characters, letters, digits, hyphens;
  // `prompt hostname context priority state` adds "/admin/pri/act", which CISCO_PROMPT admits.
  promptPattern: CISCO_PROMPT,
  loginStops: CISCO_LOGIN_STOPS,
  // "terminal pager 0" only applies to this session; it needs privileged mode on some versions, so it runs after enable.
  setupCommands: ['terminal pager 0'],
  enable: CISCO_ENABLE,
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^ERROR: /, /^% ?Invalid input/, /^% ?Incomplete command/],
  volatileLines: [
    /^Cryptochecksum:/,
    /^: Written by \S+ at /,
    / up \d+ (?:days?|hours?|mins?|secs?)\b/,
    /^Configuration last modified by /,
    /^Start-up time /,
  ],
  secretPatterns: [
    /^(enable password )(\S+)/m,
    /^(passwd )(\S+)/m,
    /^(username \S+ password )(\S+)/m,
    /^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key )(\S+)/m,
    /^(\s*key )(\S+)/m,
    /^(snmp-server host \S+ \S+ community )(\S+)/m,
    /^(snmp-server community )(\S+)/m,
    /^(\s*ospf (?:authentication-key|message-digest-key \d+ md5) )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Hardware:\s+([^,]+),/m },
    { fact: 'osVersion', command: 'show version', pattern: /Adaptive Security Appliance Software Version (\S+)/ },
    { fact: 'serial', command: 'show version', pattern: /^Serial Number: (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
};
