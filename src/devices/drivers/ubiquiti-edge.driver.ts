/**
 * Ubiquiti EdgeMAX: EdgeOS routers (EdgeRouter X/4/6P/12/Infinity, EdgeOS 2.0.x; a Vyatta-derived vbash CLI) and
 * EdgeSwitch switches (ES-8/16/24/48, EdgeSwitch 1.9.x; a Broadcom FASTPATH CLI with enable). Written from the
 * "EdgeOS User Guide" (CLI, "show configuration commands", "show version") and the "EdgeSwitch CLI Command
 * Reference" ("enable", "terminal length", "show running-config", "show version", "username", "hostname").
 *
 * One driver serves both safely because nothing in one family's dialogue can mislead the other: the EdgeOS
 * prompt ("user@host:~$") already counts as privileged so "enable" is only sent to an EdgeSwitch ("(host) >");
 * "terminal length 0" exists in both; the EdgeOS command is tried first and an EdgeSwitch refuses it with its
 * caret error, so "show running-config" is only ever run where it is FASTPATH's; and the stored text must carry
 * one of the two families' own configuration markers.
 */
import { LESS_FORMS } from '../pager.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import type { Driver } from './driver.js';
import { PAM_LOGIN_STOPS } from './pam-login-stops.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const ubiquitiEdge: Driver = {
  name: 'ubiquiti_edge',
  vendor: 'Ubiquiti',
  description: 'Ubiquiti EdgeOS routers and EdgeSwitch switches',
  mode: 'shell',
  // EdgeOS: "ubnt@edge-rtr:~$" (host-name: RFC 1123 label up to 63 characters; user names as Linux useradd, up
  // to 32). EdgeSwitch: "(UBNT EdgeSwitch) >" / "(core-sw1) #" / "(core-sw1) (Config)#" (hostname: up to 64
  // printable characters, EdgeSwitch CLI Command Reference, "hostname").
  promptPattern: /^(?:[\w.\-]{1,32}@[\w.\-]{1,63}(?::[^\s$#]*)?[$#]|\([^()]{1,64}\) ?(?:\([\w\- /]{1,40}\) ?)?[>#])$/,
  // EdgeOS logs in through Debian's sshd and PAM: an expired password is asked for before vbash starts.
  loginStops: PAM_LOGIN_STOPS,
  // Only an EdgeSwitch has an enable step; the EdgeOS prompt already counts as privileged.
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /[#$]$/ },
  // "terminal length 0": EdgeOS operational mode and EdgeSwitch privileged EXEC, for this session only.
  setupCommands: ['terminal length 0'],
  // EdgeOS pages through less; EdgeSwitch uses "--More-- or (q)uit", which every driver knows.
  pagers: LESS_FORMS,
  commands: [
    { command: 'show version', role: 'info' },
    // EdgeOS: the whole configuration as "set" commands, secrets in stored form — pasted into configure mode
    // it rebuilds the router (EdgeOS User Guide, "show configuration commands"). EdgeSwitch: the running
    // configuration script (EdgeSwitch CLI Command Reference, "show running-config").
    { command: 'show configuration commands', role: 'config', fallbacks: ['show running-config'] },
  ],
  errorPatterns: [/^\s*Invalid command:/, /^-?vbash: /, /^% ?Invalid input detected/, /^% ?Incomplete command/, /^An invalid /],
  volatileLines: [/^Uptime:/, /^!System Up Time\s/, /^!Current SNTP Synchronized Time:/],
  secretPatterns: [
    // "… public-keys <name> key AAAA…" is a public key, not a secret.
    /^(set (?!.*\bpublic-keys\b)\S.*? (?:encrypted-password|plaintext-password|pre-shared-secret|secret|password|key) )('[^']*'|\S+)/m,
    /^(set service snmp community )(\S+)/m,
    /^(\s*username "[^"]+" password )(\S+)/m,
    /^(\s*enable password )(\S+)/m,
    /^(\s*snmp-server community )("[^"]*"|\S+)/m,
    /^(\s*(?:radius-server|tacacs-server) key (?:auth |acct )?\S+ (?:encrypted )?)(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^(?:HW model:\s+|Machine Model\.+ )(.+)$/m },
    { fact: 'osVersion', command: 'show version', pattern: /^(?:Version:\s+|Software Version\.+ )(\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^(?:HW S\/N:\s+|Serial Number\.+ )(\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^(?:set system |!Current Configuration:$)/, description: '"set system" line (EdgeOS) or "!Current Configuration:" header (EdgeSwitch)' },
  // An EdgeOS account created as a plain Linux user logs into bash.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the EdgeOS login banner, the EdgeSwitch default prompt, and "show version" naming the hardware
  // ("HW model: EdgeRouter 4"; "Machine Model.... ES-24-250W").
  detection: {
    loginText: [{ pattern: /^Welcome to EdgeOS$/m, weight: 10 }],
    // The EdgeOS bash-style prompt is every Linux host's too: no evidence (see sonic.driver.ts).
    prompt: [{ pattern: /^\(UBNT EdgeSwitch\) [>#]$/, weight: 10 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^HW model:\s+Edge(?:Router|Point)/m, weight: 10 },
          { pattern: /^Machine Model\.+ ES-/m, weight: 10 },
          { pattern: /^System Description\.+ EdgeSwitch/m, weight: 5 },
        ],
      },
    ],
  },
};
