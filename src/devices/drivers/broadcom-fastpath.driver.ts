/**
 * Broadcom FASTPATH and its successor EFOS (the switch software of many white-box and OEM switches), FASTPATH
 * 6.x–8.x and EFOS 9.x–10.x. Follows the Broadcom FASTPATH CLI Command Reference ("enable", "terminal length",
 * "show running-config", "show version", "set prompt") and the EFOS CLI Command Reference of the same chapters.
 */
import type { Driver } from './driver.js';
import { FASTPATH_ENABLE, FASTPATH_ERRORS, FASTPATH_PROMPT, FASTPATH_SECRETS, FASTPATH_SHAPE, FASTPATH_VOLATILE } from './fastpath-common.js';

export const broadcomFastpath: Driver = {
  name: 'broadcom_fastpath',
  vendor: 'Broadcom',
  description: 'Broadcom FASTPATH / EFOS switches (white-box and OEM images)',
  mode: 'shell',
  // Hostname rule: see FASTPATH_PROMPT (`set prompt`, 64 characters, spaces allowed; default "(Routing)" or
  // "(Switching)" by image).
  promptPattern: FASTPATH_PROMPT,
  // Privileged EXEC is where "show running-config" is allowed.
  enable: FASTPATH_ENABLE,
  // Session only (CLI Command Reference, "terminal length": 0 turns paging off); older images have no such
  // command and page with "--More-- or (q)uit", a common pager form.
  setupCommands: ['terminal length 0'],
  commands: [
    { command: 'show version', role: 'info' },
    // The running configuration as the CLI commands that rebuild it, passwords in their "encrypted" form (CLI
    // Command Reference, "show running-config"); saved as a script it is what "script apply" restores, and
    // "show running-config all" only adds defaults.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: FASTPATH_ERRORS,
  volatileLines: FASTPATH_VOLATILE,
  secretPatterns: FASTPATH_SECRETS,
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Machine Model\.+ (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Software Version\.+ (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Serial Number\.+ (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'logout',
  configShape: FASTPATH_SHAPE,
  // The CLI is the login shell; no system shell is reachable.
  shellErrors: [],
  detection: {
    prompt: [
      { pattern: /^\((?:Routing|Switching|Broadcom FASTPATH \w+|EFOS)\) [>#]$/, weight: 6 },
      // The bracketed name is the family's shape (NETGEAR and AireOS draw it too): a hint that makes "show version" the probe.
      { pattern: /^\([^()]+\) (?:\([^()]+\) ?)?[>#]$/, weight: 2 },
    ],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^System Description\.+ Broadcom (?:FASTPATH|EFOS)\b/m, weight: 10 },
          { pattern: /^Machine Model\.+ BCM\d+/m, weight: 4 },
          { pattern: /^Additional Packages\.+ (?:FASTPATH|EFOS) /m, weight: 6 },
        ],
      },
    ],
  },
};
