/** Palo Alto Networks PAN-OS. */
import type { Driver } from './driver.js';

export const paloaltoPanos: Driver = {
  name: 'paloalto_panos',
  vendor: 'Palo Alto Networks',
  description: 'Palo Alto Networks firewalls (PAN-OS)',
  mode: 'shell',
  promptPattern: /^[\w.\-]+@[\w.\-]+(?:\([\w\-]+\))?[>#]$/,
  setupCommands: ['set cli pager off'],
  pagerPatterns: [/lines \d+-\d+(?:\/\d+)?(?: \(END\))?/],
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
