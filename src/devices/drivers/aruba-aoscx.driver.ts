/** Aruba AOS-CX (6300, 8320, 8360…). */
import type { Driver } from './driver.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY, delimiterEnd } from './common-blocks.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const arubaAoscx: Driver = {
  name: 'aruba_aoscx',
  vendor: 'HPE Aruba',
  description: 'Aruba AOS-CX switches (6300, 8320, 8360…)',
  mode: 'shell',
  // Hostname rule: AOS-CX Command-Line Interface Guide, `hostname` — up to 32 characters, starting with a letter;
  // letters, digits, '-', '_' and '.'. Context suffixes "(config)", "(config-if)" follow the name.
  promptPattern: /^[\w.\-~+]{1,63}(?:\([\w.\-/:]{1,48}\))*[>#]$/,
  loginAnswers: [{ pattern: /Press any key to continue/i, reply: ' ' }],
  // First login of "admin" with no password, or an expired password: AOS-CX asks for a new one.
  loginStops: [
    {
      pattern: /Enter new password ?:?$|Please configure the '\S+' user account password/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set the password, then update the credential in NetRaven',
    },
  ],
  setupCommands: ['no page'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show system', role: 'info' },
    // The whole configuration; secrets are "ciphertext" under the export password named in the
    // "!export-password:" header, which a restore on another switch needs (AOS-CX Fundamentals
    // Guide, "Configuration and firmware management": "copy running-config", export password).
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^% ?Invalid input/, /^% ?Unknown command/, /^% ?Command incomplete/],
  // The running-config heading and show system's uptime and load (AOS-CX Command-Line Interface
  // Guide, "show system"); show version has no counter.
  volatileLines: [/^Current configuration:$/, /^Up Time\s*:/, /^CPU Util \(%\)\s*:/, /^Memory Usage \(%\)\s*:/],
  secretPatterns: [
    /^(\s*(?:user \S+ group \S+ )?password ciphertext )(\S+)/m,
    /^(snmp-server community )(\S+)/m,
    /^(\s*(?:radius|tacacs)-server (?:host \S+ )?key (?:plaintext |ciphertext )?)(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show system', pattern: /^Product Name\s*:\s*(.+)$/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Version\s*:\s*(\S+)/m },
    { fact: 'serial', command: 'show system', pattern: /^Chassis Serial Nbr\s*:\s*(\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^!Version ArubaOS-CX /, description: '"!Version ArubaOS-CX" header line' },
  // "start-shell" opens bash; an account whose login lands there answers like it.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [
    // "banner motd !" … a line holding only the delimiter (AOS-CX Command-Line Interface Guide, "banner").
    { name: 'banner', start: /^banner (?:motd|exec) (\S)$/, end: delimiterEnd(true), kind: 'keep' },
    // Trust anchor certificates ("ta-certificate") and imported keys are PEM text.
    PEM_PRIVATE_KEY,
    PEM_CERTIFICATE,
  ],
  // Detection: "show version" shows the "ArubaOS-CX" banner line (AOS-CX Command-Line Interface Guide, "show version").
  detection: {
    prompt: [{ pattern: /^[\w.\-]+[>#]$/, weight: 2 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^ArubaOS-CX$/m, weight: 10 }] }],
  },
};
