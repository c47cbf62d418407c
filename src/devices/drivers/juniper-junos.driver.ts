/** Juniper Junos (MX, EX, QFX, SRX). */
import type { Driver } from './driver.js';

export const juniperJunos: Driver = {
  name: 'juniper_junos',
  vendor: 'Juniper',
  description: 'Juniper Junos (MX, EX, QFX, SRX)',
  mode: 'shell',
  // "user@host>" (operational) / "user@host#" (configuration; "[edit]" and "{master:0}" sit on lines above).
  // An unnamed device shows "root>" with no host part. Name rule: Junos OS CLI User Guide, `host-name` and
  // `login user` — letters, digits, '.', '-', '_' (host-name up to 255, user name up to 64 characters).
  promptPattern: /^[\w.\-]{1,64}(?:@[\w.\-~+]{1,255})?[>#]$/,
  // root lands in the FreeBSD shell ("root@mx1% ", "root@:RE:0% ", "root@mx1:~ # "): start the CLI first.
  shellEscape: { prompt: /^[\w.\-]+@[\w.\-:]*(?::\S*)?(?:%| #)$|^%$/, command: 'cli' },
  setupCommands: ['set cli screen-length 0', 'set cli screen-width 0'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show chassis hardware', role: 'info' },
    // "display omit" keeps apply-groups and omitted defaults out, as Oxidized does.
    { command: 'show configuration | display omit', role: 'config' },
  ],
  errorPatterns: [/^\s*syntax error/, /^\s*unknown command/, /^error: /],
  volatileLines: [/^## Last commit: /, /^## Last changed: /, /^\{(?:master|backup|primary|secondary|linecard)(?::\d+)?\}$/],
  secretPatterns: [
    /^(\s*encrypted-password ")([^"]+)/m,
    /^(\s*(?:secret|authentication-key|simple-password|pre-shared-key (?:ascii-text|hexadecimal)|key) ")([^"]+)/m,
    /^(\s*community )([^\s;{]+)/m,
    // Any remaining "$9$" reversible secret, wherever it sits.
    /()(\$9\$[^";\s]+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Model: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Junos: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /JUNOS [\w ]*?\[(\S+)\]/ },
    { fact: 'serial', command: 'show chassis hardware', pattern: /^Chassis\s+(\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
};
