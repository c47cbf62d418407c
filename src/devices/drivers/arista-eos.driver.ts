/** Arista EOS. */
import { CISCO_ENABLE, CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { ENDS_WITH_END } from './cisco-content.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

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
    // The whole configuration with secrets in stored form (sha512 secrets, type 7 keys), what
    // "configure replace" restores; "… sanitized" would hide them and "… all" only adds defaults
    // (EOS User Manual, "Managing the Running Configuration"). Certificates and keys live in
    // certificate:/sslkey: files, not in the configuration.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [...CISCO_ERRORS, /^% ?Unavailable command/],
  // The running-config header (command, device/EOS version, current time, last save) and show
  // version's uptime and free memory (EOS User Manual, "show running-config", "show version").
  volatileLines: [/^! Command: /, /^! device: /, /^! Time: /, /^! Startup-config last modified at /, /^Uptime: /, /^Free memory: /],
  secretPatterns: CISCO_SECRETS,
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Arista (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Software image version: (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Serial number:\s+(\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: ENDS_WITH_END,
  // "username … shell /bin/bash" logs the account into bash.
  shellErrors: LINUX_SHELL_ERRORS,
  // EOS closes a banner with a line "EOF" (EOS User Manual, "banner login").
  blocks: [{ name: 'banner', start: /^banner (?:login|motd)$/, end: /^EOF$/, kind: 'keep' }],
  // Detection: "show version" starts with "Arista <model>" and names the "Software image version" (Arista EOS
  // User Manual, "show version").
  detection: {
    prompt: [{ pattern: /^[\w.\-]+[>#]$/, weight: 2 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^Arista (?:DCS|CCS|vEOS|cEOS)[\w-]*/m, weight: 10 },
          { pattern: /^Software image version: \d/m, weight: 3 },
        ],
      },
    ],
  },
};
