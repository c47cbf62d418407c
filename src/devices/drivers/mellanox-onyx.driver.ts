/**
 * NVIDIA (Mellanox) Onyx, formerly MLNX-OS, on Spectrum switches (SN2010/SN2100/SN2410/SN2700/SN3700), Onyx 3.9.x and
 * 3.10.x. Follows the NVIDIA Onyx User Manual 3.10 ("CLI overview: modes and prompts", "hostname", "cli session
 * paging enable", "show running-config", "show version", "show inventory", "User accounts").
 */
import type { Driver } from './driver.js';
import { PAM_LOGIN_STOPS } from './pam-login-stops.js';
import { LESS_FORMS } from '../pager.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const mellanoxOnyx: Driver = {
  name: 'mellanox_onyx',
  vendor: 'NVIDIA',
  description: 'NVIDIA Onyx / Mellanox MLNX-OS switches (RADIUS/TACACS+ keys are shown masked)',
  mode: 'shell',
  // "switch-a1b2c3 [standalone: master] >", "leaf1 [mlag-dom: master] # ", "leaf1 [standalone: master] (config) #",
  // "leaf1 [standalone: master] (config interface ethernet 1/1) #"; the bracket is the cluster name and role (User
  // Manual, "CLI modes"). Name rule: User Manual, `hostname` — up to 63 characters, letters, digits, '-', '.'.
  promptPattern: /^[\w.\-]{1,63}(?: \[[\w.\- ]{1,63}: [\w-]{1,32}\])? (?:\([^()\r\n]{1,80}\) )?[>#]$/,
  // A switch fresh from the factory (or after "reset factory") starts the configuration wizard at the first CLI
  // login, which ends in a mandatory admin password change (User Manual, "Configuring the Switch for the First
  // Time"); an expired password is asked for by PAM before the CLI. Neither is answered: the wizard configures the
  // management interface.
  loginStops: [
    ...PAM_LOGIN_STOPS,
    { pattern: /wizard for initial configuration\?/i, code: 'PASSWORD_EXPIRED', action: 'finish the initial configuration wizard (and its admin password change) by hand, then update the credential in NetRaven' },
  ],
  // Standard (enable) mode needs no password for an admin account (User Manual, "enable").
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Session only (User Manual, "cli session paging enable": the "no" form prints whole outputs).
  setupCommands: ['no cli session paging enable'],
  // With paging on the CLI pages through a less-like viewer ("lines 1-40", ":" and "(END)").
  pagers: LESS_FORMS,
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // The running configuration as the commands that rebuild it (User Manual, "show running-config"); user
    // passwords appear as their stored "7 $6$…" hash, but RADIUS/TACACS+/LDAP keys are always "********" — only the
    // binary database ("configuration upload", pushed to a server) holds them.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^% ?(?:Unrecognized|Incomplete|Ambiguous|Unknown) (?:command|keyword|input)/, /^% ?Insufficient privileges/, /^% ?Invalid /],
  volatileLines: [
    // Running-config header (User Manual, "show running-config") and show version's counters.
    /^## Generated at /,
    /^Uptime:\s/,
    /^CPU load averages:\s/,
    /^System memory:\s/,
    /^Swap:\s/,
  ],
  secretPatterns: [
    /^(\s*username \S+ password (?:\d+ )?)(\S+)/m,
    /^(\s*(?:radius|tacacs)-server (?:host \S+ (?:.*? )?)?key (?:\d+ )?)(\S+)/m,
    /^(\s*snmp-server community )(\S+)/m,
    /^(\s*snmp-server host \S+ traps (?:version \S+ )?)(\S+)/m,
    /^(\s*snmp-server user \S+ v3 (?:encrypted )?auth \S+ )(\S+)/m,
    /^(\s*snmp-server user \S+ v3 (?:encrypted )?auth \S+ \S+ priv \S+ )(\S+)/m,
    /^(#?\s*ldap bind-password )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show inventory', pattern: /^CHASSIS\s+(\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Product release:\s+(\S+)/m },
    { fact: 'serial', command: 'show inventory', pattern: /^CHASSIS\s+\S+\s+(\S+)/m },
  ],
  commentPrefix: '## ',
  exitCommand: 'exit',
  configShape: { marker: /^## Running database "[^"]+"$/, description: '"## Running database" header line' },
  // Onyx runs on Linux; an account given a shell ("xterm" license, or the _shell mode) is bash.
  shellErrors: LINUX_SHELL_ERRORS,
  detection: {
    loginText: [{ pattern: /(?:NVIDIA Onyx|Mellanox (?:MLNX-OS|Onyx)) Switch Management/, weight: 10 }],
    prompt: [{ pattern: / \[[\w.\- ]+: (?:master|standby|standalone|slave|unknown)\] [>#]$/, weight: 8 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Product name:\s+(?:Onyx|MLNX-OS)$/m, weight: 10 }] }],
  },
};
