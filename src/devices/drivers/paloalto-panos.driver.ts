/** Palo Alto Networks PAN-OS. */
import { LESS_FORMS } from '../pager.js';
import type { Driver } from './driver.js';

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
    { command: 'show config running', role: 'config' },
  ],
  errorPatterns: [/^Unknown command: /, /^Invalid syntax\./, /^Server error/],
  volatileLines: [/^(?:up)?time: /, /^(?:app|av|threat|wildfire|wf-private|url-filtering|global-protect|device-dictionary)[\w-]*: /],
  secretPatterns: [
    /^(\s*phash )([^;\s]+)/m,
    /^(\s*(?:password|pre-shared-key|key|secret|auth-password|priv-password|authpwd|privpwd|community|snmp-community-string) )([^;\s{]+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show system info', pattern: /^model: (\S+)/m },
    { fact: 'osVersion', command: 'show system info', pattern: /^sw-version: (\S+)/m },
    { fact: 'serial', command: 'show system info', pattern: /^serial: (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
};
