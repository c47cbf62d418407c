/** Palo Alto Networks PAN-OS. */
import { LESS_FORMS } from '../pager.js';
import type { Driver } from './driver.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';

export const paloaltoPanos: Driver = {
  name: 'paloalto_panos',
  vendor: 'Palo Alto Networks',
  description: 'Palo Alto Networks firewalls (PAN-OS)',
  mode: 'shell',
  // "admin@PA-220>" / "#" in configure mode, with the HA state "(active)", "(passive)", "(active-primary)".
  // Name rule: PAN-OS Administrator's Guide, device setup — hostname up to 31 characters, letters, digits,
  // '-', '_', '.'; administrator names may also contain '.', '-', '_' and '@' (external users).
  promptPattern: /^[\w.\-@]{1,64}@[\w.\-~+]{1,63}(?:\([\w\-]{1,32}\))?[>#]$/,
  setupCommands: ['set cli pager off'],
  // PAN-OS pages through less ("lines 1-40", "(END)") when the pager cannot be turned off.
  pagers: LESS_FORMS,
  loginStops: [
    {
      pattern: /^Enter old password ?:?$|^Enter new password ?:?$|password (?:has )?expired/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show system info', role: 'info' },
    // The committed running-config.xml, secrets in their encrypted form: the file "Import named
    // configuration snapshot" + "Load" restores (PAN-OS Administrator's Guide, "Save and Export
    // Firewall Configurations"). Configure-mode "show" prints a brace format no import accepts.
    { command: 'show config running', role: 'config' },
  ],
  errorPatterns: [/^Unknown command: /, /^Invalid syntax\./, /^Server error/],
  // show system info: the clock, uptime and content/signature versions updated without a configuration change.
  volatileLines: [/^(?:up)?time: /, /^(?:app|av|threat|wildfire|wf-private|url-filtering|global-protect|device-dictionary)[\w-]*: /],
  secretPatterns: [
    /^(\s*<(?:phash|password|bind-password|key|secret|authpwd|privpwd|auth-password|priv-password|snmp-community-string|community|private-key|passphrase)>)([^<]+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show system info', pattern: /^model: (\S+)/m },
    { fact: 'osVersion', command: 'show system info', pattern: /^sw-version: (\S+)/m },
    { fact: 'serial', command: 'show system info', pattern: /^serial: (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  // The document closes with "</config>": a cut-off output fails the check.
  configShape: { marker: /^<\/config>$/, description: 'closing "</config>" line' },
  // PAN-OS has no system shell an account can land in.
  shellErrors: [],
  // Certificates ("<public-key>") are PEM text; keys are normally encrypted on one line.
  blocks: [PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the user@host prompt (shared with Junos), the failed-login counter PAN-OS prints at login, and
  // "show system info" ("model: PA-220", "sw-version") (PAN-OS CLI Quick Start, "show system info").
  detection: {
    loginText: [{ pattern: /^Number of failed attempts since last successful login: \d+$/m, weight: 3 }],
    prompt: [{ pattern: /^[\w.\-@]+@[\w.\-]+(?:\([\w-]+\))?[>#]$/, weight: 3 }],
    probes: [
      {
        command: 'show system info',
        evidence: [
          { pattern: /^model: (?:PA|VM|CN)-\S+$/m, weight: 10 },
          { pattern: /^sw-version: \d+\.\d+/m, weight: 3 },
        ],
      },
    ],
  },
};
