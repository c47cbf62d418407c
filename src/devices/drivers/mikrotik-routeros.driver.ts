/** MikroTik RouterOS. */
import type { Driver } from './driver.js';

export const mikrotikRouteros: Driver = {
  name: 'mikrotik_routeros',
  vendor: 'MikroTik',
  description: 'MikroTik RouterOS (v6 and v7)',
  mode: 'shell',
  // "[admin@MikroTik] >", "[admin@hAP ac2] /ip address>", safe mode "[admin@MikroTik] <SAFE>". The identity
  // is free text (RouterOS manual, System > Identity): spaces and punctuation allowed, so only ']' ends it.
  promptPattern: /^\[[^\]\s@]+@[^\]]+\] (?:(?:\/[\w/ .-]*)?>|<SAFE>)$/,
  // After a reset: the licence question and the default-configuration notice ("r" would REMOVE the default
  // configuration, any other key continues); RouterOS 7 then demands a new password.
  loginAnswers: [
    { pattern: /Do you want to see the software license\? \[Y\/n\]:?$/i, reply: 'n' },
    { pattern: /hit any other key to continue\.?$/i, reply: ' ' },
  ],
  loginStops: [
    { pattern: /^new password>$|Change your password/i, code: 'PASSWORD_EXPIRED', action: 'log in once by hand and set a password, then update the credential in NetRaven' },
  ],
  // "+ct" after the login name turns off colours and terminal auto-detection for this session.
  usernameSuffix: '+ct',
  setupCommands: [],
  commands: [
    { command: '/system resource print without-paging', role: 'info' },
    { command: '/system routerboard print without-paging', role: 'info' },
    // RouterOS 7 hides passwords, PSKs and keys from "export" unless asked with "show-sensitive" (the
    // account's group needs the "sensitive" policy); RouterOS 6 shows them by default and refuses the
    // word, so plain "export" is its complete form (MikroTik RouterOS manual, "Configuration
    // Management": export, show-sensitive). User passwords are never exported.
    { command: '/export terse show-sensitive', role: 'config', fallbacks: ['/export terse'] },
  ],
  errorPatterns: [/^bad command name/, /^syntax error/, /^expected end of command/, /^input does not match any value/, /^failure: /, /^no such item/],
  // The export's time header (v6 and v7 date forms) and the resource counters of
  // "/system resource print" (RouterOS manual, "Resource").
  volatileLines: [
    /^# \w{3}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} by RouterOS/,
    /^# \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} by RouterOS/,
    /^\s*(?:uptime|free-memory|cpu-load|free-hdd-space|write-sect-since-reboot|write-sect-total|bad-blocks): /,
  ],
  secretPatterns: [/((?:^|\s)(?:password|secret|wpa-pre-shared-key|wpa2-pre-shared-key|authentication-key|passphrase|private-key)=)("[^"]*"|\S+)/m],
  facts: [
    { fact: 'model', command: '/system routerboard print without-paging', pattern: /^\s*model: (.+)$/m },
    { fact: 'osVersion', command: '/system resource print without-paging', pattern: /^\s*version: (\S+)/m },
    { fact: 'serial', command: '/system routerboard print without-paging', pattern: /^\s*serial-number: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: '/quit',
  // Every export starts with "# 2024-03-05 10:00:00 by RouterOS 7.12.1" (v6: "# mar/05/2024 …").
  configShape: { marker: /^# .* by RouterOS /, description: '"by RouterOS" header line' },
  // RouterOS has no system shell an account can land in.
  shellErrors: [],
  // Detection: RouterOS's SSH server identifies as "ROSSSH", the login banner names "MikroTik RouterOS", and the
  // "[user@identity] >" prompt is RouterOS's alone (RouterOS manual, "Command Line Interface").
  detection: {
    sshIdent: [{ pattern: /^SSH-[\d.]+-ROSSSH/, weight: 10 }],
    loginText: [{ pattern: /MikroTik RouterOS \d/, weight: 10 }],
    prompt: [{ pattern: /^\[[^\]\s@]+@[^\]]+\] /, weight: 10 }],
    probes: [{ command: '/system resource print without-paging', evidence: [{ pattern: /^\s*platform: MikroTik$/m, weight: 10 }] }],
  },
};
