/** HP / Aruba ProCurve (ArubaOS-Switch). */
import type { Driver } from './driver.js';

export const hpProcurve: Driver = {
  name: 'hp_procurve',
  vendor: 'HPE Aruba',
  description: 'HP ProCurve / ArubaOS-Switch (2530, 2930, 5400…)',
  mode: 'shell',
  // Hostname rule: HP Switch Management and Configuration Guide, `hostname` — up to 32 printable characters,
  // spaces allowed when quoted (factory name "ProCurve Switch 2610-24"); contexts "(config)", "(vlan-10)",
  // "(eth-1)". The prompt is drawn after cursor positioning (ESC[24;1H), removed before matching.
  promptPattern: /^[\w.\-~+](?:[\w.\-~+ ]{0,62}[\w.\-~+])?(?:\([\w.\-/: ]{1,48}\))*[>#]$/,
  // The splash screen waits for a key before the first prompt.
  loginAnswers: [{ pattern: /Press any key to continue/i, reply: ' ' }],
  setupCommands: ['no page'],
  commands: [
    { command: 'show system information', role: 'info' },
    // The running configuration as "copy tftp startup-config" restores it. Passwords and SNMPv3
    // keys appear only when the switch has "include-credentials" (ArubaOS-Switch Access Security
    // Guide, "Including credentials in the configuration"); without it no command shows them.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^Invalid input: /, /^% ?Invalid input/, /^Ambiguous input/],
  // The heading, and "show system information" counters printed two to a line (uptime, CPU,
  // memory, packets, buffers), hence unanchored (ArubaOS-Switch Management and Configuration Guide).
  volatileLines: [/^Running configuration:$/, /Up Time\s*:/, /CPU Util \(%\)\s*:/, /Memory\s+- Total\s*:/, /^\s*Free\s*:/, /Packet\s+- Total\s*:/, /Pkts [RT]x\s*:/, /Buffers\s+Free\s*:/, /^\s+(?:Lowest|Missed)\s*:/],
  secretPatterns: [
    /^(password (?:manager|operator) (?:user-name \S+ )?(?:sha1|plaintext|sha256) )("[^"]*"|\S+)/m,
    /^(snmp-server community ")([^"]+)/m,
    /^(\s*(?:radius|tacacs)-server (?:host \S+ )?key )("[^"]*"|\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show running-config', pattern: /^; (\S+) Configuration Editor;/m },
    { fact: 'osVersion', command: 'show system information', pattern: /Software revision\s*:\s*(\S+)/ },
    { fact: 'serial', command: 'show system information', pattern: /Serial Number\s*:\s*(\S+)/ },
  ],
  commentPrefix: '; ',
  exitCommand: 'logout',
  // "; J9776A Configuration Editor; Created on release #YA.16.10.0009" heads every configuration.
  configShape: { marker: /^; \S+ Configuration Editor;/, description: '"Configuration Editor" header line' },
  // ProCurve has no system shell an account can land in.
  shellErrors: [],
  // Detection: the login banner names the product ("HP J9776A 2530-24G Switch", "Software revision YA.16.10…"),
  // and "show version" starts with "Image stamp:" (HPE ArubaOS-Switch Management and Configuration Guide, "show version").
  detection: {
    loginText: [
      { pattern: /^(?:HP|HPE|Aruba|ProCurve) J\d{4}[A-Z] .*Switch/m, weight: 10 },
      { pattern: /^Software revision [A-Z]{1,2}\.\d{2}\.\d{2}\.\d{4}$/m, weight: 5 },
    ],
    prompt: [{ pattern: /^[\w.\-~+ ]+[>#]$/, weight: 2 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Image stamp: +\/\S+/m, weight: 10 }] }],
  },
};
