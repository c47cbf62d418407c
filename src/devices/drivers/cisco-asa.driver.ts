/** Cisco ASA and Firepower in ASA mode. */
import { CISCO_ENABLE, CISCO_LOGIN_STOPS, CISCO_PROMPT } from './cisco-common.js';
import type { Driver } from './driver.js';
import { CISCO_CERTIFICATE } from './cisco-content.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

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
    // "show running-config" masks pre-shared keys, TACACS+/RADIUS keys, failover and OSPF keys as
    // "*****", so it cannot restore the firewall; "more system:running-config" prints the same file
    // with every key (Cisco ASA Series Command Reference, "more": "more system:running-config"
    // displays the running configuration with passwords and keys).
    { command: 'more system:running-config', role: 'config' },
  ],
  errorPatterns: [/^ERROR: /, /^% ?Invalid input/, /^% ?Incomplete command/],
  volatileLines: [
    // Written on every "write memory", with or without a change.
    /^Cryptochecksum:/,
    /^: Written by \S+ at /,
    // show version: uptime, last modification and boot time.
    / up \d+ (?:days?|hours?|mins?|secs?)\b/,
    /^Configuration last modified by /,
    /^Configuration has not been modified since last system restart/,
    /^Start-up time /,
  ],
  // Time-based licences in show version count down: "Botnet Traffic Filter : Enabled   39 days".
  volatileRewrites: [{ pattern: /(\S {2,})\d+ days$/, replacement: '$1<days>' }],
  secretPatterns: [
    /^(enable password )(\S+)/m,
    /^(passwd )(\S+)/m,
    /^(username \S+ password )(\S+)/m,
    /^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key )(\S+)/m,
    /^(\s*key )(\S+)/m,
    /^(failover key )(\S+)/m,
    /^(\s*ldap-login-password )(\S+)/m,
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
  configShape: { marker: /^: end$/, description: 'final ": end" line' },
  // Firepower Threat Defense's expert mode is a Linux shell.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [CISCO_CERTIFICATE],
  incompleteMarkers: [
    {
      pattern: /\b(?:key|password|community) \*{5}(?:\s|$)/,
      warning: 'the device masked secrets as "*****": the stored configuration cannot restore them; the account needs the privilege to run "more system:running-config"',
    },
  ],
  // Detection: the "Cisco-1.25" SSH server (shared with IOS), the login hint ASA prints before its first prompt,
  // and "show version" (Cisco ASA Series Command Reference, "show version": "Cisco Adaptive Security Appliance Software Version").
  detection: {
    sshIdent: [{ pattern: /^SSH-[\d.]+-Cisco-\d/, weight: 3 }],
    loginText: [{ pattern: /^Type help or '\?' for a list of available commands\.$/m, weight: 4 }],
    prompt: [{ pattern: /^[\w.\-/]+[>#]$/, weight: 2 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /Cisco Adaptive Security Appliance Software Version/, weight: 10 }] }],
  },
};
