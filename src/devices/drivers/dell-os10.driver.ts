/**
 * Dell SmartFabric OS10 (S4100, S5200, Z9264/Z9332-ON, N3200, MX9116n), OS10 10.5.x. Follows the Dell SmartFabric
 * OS10 User Guide 10.5 ("CLI basics", "hostname", "terminal length", "show running-configuration", "show version",
 * "show inventory", "User management: system-user, username, privilege levels").
 */
import type { Driver } from './driver.js';
import { PAM_LOGIN_STOPS } from './pam-login-stops.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const dellOs10: Driver = {
  name: 'dell_os10',
  vendor: 'Dell',
  description: 'Dell SmartFabric OS10 switches (S, Z and N3200 series)',
  mode: 'shell',
  // "OS10#", "core-sw1(config)#", "core-sw1(conf-if-eth1/1/1)#", "core-sw1(conf-range-eth1/1/1-1/1/4)#". Name rule:
  // OS10 User Guide, `hostname` — up to 64 characters, letters, digits, '-', '.', '_'.
  promptPattern: /^[\w.\-~+]{1,64}(?:\([\w.\-/: ]{1,64}\))*[>#]$/,
  // OS10 runs on Debian behind sshd and PAM: an expired or reset password is asked for before the CLI starts.
  loginStops: PAM_LOGIN_STOPS,
  // Accounts below privilege level 15 land at '>' and rise with "enable" (OS10 User Guide, "Privilege levels").
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Session only (User Guide, "terminal length": 0 turns paging off).
  setupCommands: ['terminal length 0'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // The running configuration with every password as its stored SHA-512 hash and keys as "key 9 …" ciphertext:
    // what "copy … config://startup.xml" / "configure terminal" paste restores (User Guide, "show
    // running-configuration"). The abbreviation "show running-config" is the same command.
    { command: 'show running-configuration', role: 'config' },
  ],
  errorPatterns: [/^% ?Error: /, /^% ?(?:Invalid|Incomplete|Ambiguous) /, /^% ?Permission denied/],
  volatileLines: [
    // Running-configuration header and show version's uptime (User Guide, "show running-configuration", "show version").
    /^! Last configuration change at /,
    /^Up Time: /,
  ],
  secretPatterns: [
    /^((?:system-user|username) \S+ password )(\S+)/m,
    /^(\s*(?:radius|tacacs)-server host \S+ (?:auth-port \d+ )?key (?:\d+ )?)(\S+)/m,
    /^(snmp-server community )(\S+)/m,
    /^(snmp-server host \S+ (?:traps|informs) version \S+ )(\S+)/m,
    /^(snmp-server user \S+ \S+ \S+ (?:remote \S+ udp-port \d+ )?auth \S+ (?:localized )?)(\S+)/m,
    /^(snmp-server user \S+ \S+ \S+ .*\bpriv \S+ (?:localized )?)(\S+)/m,
    /^(\s*password (?:\d+ )?)(\S+)/m,
    /^(\s*ip ospf message-digest-key \d+ md5 (?:\d+ )?)(\S+)/m,
    /^(\s*(?:pre-shared-key|key) (?:\d+ )?)(\S+)$/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^System Type: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^OS Version: (\S+)/m },
    // The service tag of the management unit (starred row), Dell's identifier of the chassis.
    { fact: 'serial', command: 'show inventory', pattern: /^\*\s+\d+\s+\S+\s+\S+\s+\S+\s+\S+\s+(\w{7})\b/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^! Version 10\.\S+$/, description: '"! Version 10.x" header line' },
  // OS10 is Debian: the linuxadmin account (or "system bash") is a bash shell.
  shellErrors: LINUX_SHELL_ERRORS,
  // Certificates and keys live in the crypto store, not in the configuration (User Guide, "X.509v3 certificates").
  detection: {
    prompt: [{ pattern: /^OS10[>#]$/, weight: 5 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^Dell (?:EMC Networking|SmartFabric) OS10/m, weight: 10 },
          { pattern: /^OS Version: 10\./m, weight: 4 },
        ],
      },
    ],
  },
};
