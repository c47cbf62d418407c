/** Juniper Junos (MX, EX, QFX, SRX). */
import type { Driver } from './driver.js';
import { CSH_NOT_FOUND, LINUX_SHELL_ERRORS } from './shell-errors.js';

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
    // The committed configuration, what "load override" restores. "| display omit" also shows the
    // statements hidden by "apply-flags omit", which plain "show configuration" leaves out; releases
    // that accept "display omit" only in configuration mode get the plain form (Junos CLI User
    // Guide, "| (pipe)": "omit — display configuration statements omitted by apply-flags omit").
    { command: 'show configuration | display omit', role: 'config', fallbacks: ['show configuration'] },
  ],
  errorPatterns: [/^\s*syntax error/, /^\s*unknown command/, /^error: /],
  volatileLines: [
    /^## Last commit: /,
    /^## Last changed: /,
    // The routing engine or cluster node state above each prompt ("{master:0}", "{primary:node0}"): changes on a switchover.
    /^\{(?:master|backup|primary|secondary|linecard|hold|ineligible|disabled)(?::[\w-]+)?\}$/,
  ],
  secretPatterns: [
    /^(\s*encrypted-password ")([^"]+)/m,
    /^(\s*(?:secret|authentication-key|simple-password|pre-shared-key (?:ascii-text|hexadecimal)|key) ")([^"]+)/m,
    /^(\s*community )([^\s;{]+)/m,
    // Junos marks every secret statement "## SECRET-DATA": its quoted value, whatever the statement.
    /^(\s*[^"\s][^"]*")([^"]+)(?=";\s*## SECRET-DATA$)/m,
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
  configShape: { marker: /^(?:version \S+;|system \{)$/, description: '"version" statement or "system" hierarchy' },
  // Root (and any class whose shell is the FreeBSD one) logs into csh: "show: Command not found.".
  shellErrors: [CSH_NOT_FOUND, ...LINUX_SHELL_ERRORS],
  incompleteMarkers: [
    {
      // A login class without the "secret" permission sees "encrypted-password /* SECRET-DATA */;".
      pattern: /\/\* SECRET-DATA \*\//,
      warning: 'secrets are hidden as /* SECRET-DATA */: the stored configuration cannot restore them; give the account\'s login class the "secret" permission (view-configuration alone excludes secrets)',
    },
  ],
  // Detection: the login banner "--- JUNOS 21.4R3…" (also shown to root, who lands in the shell), the user@host
  // prompt and "show version" ("Junos: 21.4R3") (Junos OS CLI User Guide, "show version").
  detection: {
    loginText: [{ pattern: /^--- JUNOS \d/m, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+@[\w.\-]+[>#]$/, weight: 3 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Junos: \d/m, weight: 10 }] }],
  },
};
