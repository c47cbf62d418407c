/** Arista EOS. */
import { CISCO_ENABLE, CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';

export const aristaEos: Driver = {
  name: 'arista_eos',
  vendor: 'Arista',
  description: 'Arista EOS switches',
  mode: 'shell',
  // Hostname rule: Arista EOS User Manual, `hostname` — up to 64 characters, letters, digits, hyphens and dots;
  // contexts such as "(config-if-Et1)" or a config session "(s1)" follow the name. CISCO_PROMPT admits these.
  promptPattern: CISCO_PROMPT,
  loginStops: CISCO_LOGIN_STOPS,
  setupCommands: ['terminal length 0', 'terminal width 32767'],
  enable: CISCO_ENABLE,
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [...CISCO_ERRORS, /^% ?Unavailable command/],
  volatileLines: [/^! Command: /, /^! device: /, /^! Time: /, /^! Startup-config last modified at /, /^Uptime: /, /^Free memory: /],
  secretPatterns: CISCO_SECRETS,
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Arista (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Software image version: (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Serial number:\s+(\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
};
