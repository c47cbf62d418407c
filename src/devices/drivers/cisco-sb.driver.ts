/**
 * Cisco small-business switches: Catalyst 1200/1300, Business 250/350 (CBS), Sx250/Sx350/SG350X/Sx550X, firmware
 * 2.5.x and 3.x. Follows the Cisco Business 250/350 Series CLI Guide 3.x and the Sx350/SG350X/Sx550X CLI Guide 2.5
 * ("hostname", "terminal datadump", "show running-config", "show version", "show inventory", "show system",
 * "Secure Sensitive Data (SSD) commands", "ip ssh password-auth").
 */
import { CISCO_LOGIN_STOPS } from './cisco-common.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY, delimiterEnd } from './common-blocks.js';
import type { Driver } from './driver.js';

export const ciscoSb: Driver = {
  name: 'cisco_sb',
  vendor: 'Cisco',
  description: 'Cisco small-business switches (Business 250/350, Sx250/350/550, Catalyst 1200/1300)',
  mode: 'shell',
  // "switch8c1d2e#", "core-sw1(config)#", "core-sw1(config-if)#". Name rule: CLI Guide, `hostname` — 1–58
  // characters, letters, digits and hyphens, starting with a letter.
  promptPattern: /^[A-Za-z][\w.\-]{0,57}(?:\([\w.\-/ ]{1,48}\))*[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // Without `ip ssh password-auth` (or after key authentication with auto-login off) the switch asks for the account
  // itself: "User Name:" then "Password:" (CLI Guide, "ip ssh password-auth"; Administration Guide, "SSH Server").
  inShellLogin: { userPrompt: /^User Name:$/, passwordPrompt: /^Password:$/ },
  // Level-15 accounts land at '#'; lower levels rise with "enable" and the enable password.
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Session only: "terminal datadump" prints whole outputs without "More:" stops (CLI Guide, "terminal datadump").
  setupCommands: ['terminal datadump'],
  pagers: [{ name: 'cisco-sb-more', pattern: /More: <space>,\s+Quit: q(?: or CTRL\+Z)?, One line: <return>$/, reply: ' ' }],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    { command: 'show system', role: 'info' },
    // The running configuration with sensitive data (passwords, keys, communities) in the SSD-encrypted form the
    // default rules display: what "copy tftp://… running-config" restores on a switch with the same SSD passphrase
    // control (CLI Guide, "show running-config"; "ssd file passphrase control unrestricted" makes the file
    // portable). A user whose SSD rule is "exclude" gets the configuration without those lines.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^% ?(?:Unrecognized command|Invalid input|bad parameter value|Wrong number of parameters|Incomplete command|Ambiguous command|Permission denied)/i],
  // show system: uptime and the temperature reading (CLI Guide, "show system").
  volatileLines: [/^System Up Time \(days,hour:min:sec\):/, /^\s*\d+\s+\d+\s+(?:OK|FAILURE|Unavailable)$/],
  secretPatterns: [
    /^(username \S+ password (?:encrypted )?)(\S+)/m,
    /^(enable password (?:level \d+ )?(?:encrypted )?)(\S+)/m,
    /^((?:encrypted )?(?:radius|tacacs)-server (?:host \S+ (?:.*? )?)?key )(\S+)/m,
    /^((?:encrypted )?snmp-server community )(\S+)/m,
    /^((?:encrypted )?snmp-server host \S+ (?:traps |informs )?(?:version \S+ )?)(\S+)/m,
    /^((?:encrypted )?snmp-server user \S+ \S+ (?:remote \S+ )?v3 (?:encrypted )?auth (?:md5|sha) )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show inventory', pattern: /^PID: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Active-image: .*\n\s+Version: (\S+)/m },
    { fact: 'serial', command: 'show inventory', pattern: /\bSN: (\S+)/ },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  // Every configuration file starts with this header block (CLI Guide, "Configuration file header").
  configShape: { marker: /^config-file-header$/, description: '"config-file-header" line' },
  // The switches have no system shell an account can land in.
  shellErrors: [],
  // A banner is closed by a line holding only its delimiter (CLI Guide, "banner login"); certificates are PEM.
  blocks: [{ name: 'banner', start: /^banner (?:exec|login|motd) (\S)$/, end: delimiterEnd(true), kind: 'keep' }, PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  detection: {
    prompt: [{ pattern: /^switch[0-9a-f]{6}[>#]$/, weight: 5 }],
    loginText: [{ pattern: /^User Name:$/m, weight: 3 }],
    probes: [
      {
        command: 'show version',
        evidence: [{ pattern: /^Active-image: \S*image_(?:cbs|tesla|sx\d{3}|c1[23]00)\S*\.bin$/im, weight: 10 }],
      },
      { command: 'show inventory', evidence: [{ pattern: /^PID: (?:CBS\d{3}|S[GF]\d{3}|C1[23]00)-/m, weight: 8 }] },
    ],
  },
};
