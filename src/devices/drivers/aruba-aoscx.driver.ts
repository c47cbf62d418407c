/** Aruba AOS-CX (6300, 8320, 8360…). */
import type { Driver } from './driver.js';

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
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^% ?Invalid input/, /^% ?Unknown command/, /^% ?Command incomplete/],
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
};
