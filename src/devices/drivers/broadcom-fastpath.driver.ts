/**
 * Broadcom FASTPATH and its successor EFOS (the switch software of many white-box and OEM switches), FASTPATH
 * 6.x–8.x and EFOS 9.x–10.x. Follows the Broadcom FASTPATH CLI Command Reference ("enable", "terminal length",
 * "show running-config", "show version", "set prompt") and the EFOS CLI Command Reference of the same chapters.
 */
import type { Driver } from './driver.js';
import { FASTPATH_FAMILY_PROMPT, FASTPATH_SESSION } from './fastpath-common.js';

export const broadcomFastpath: Driver = {
  name: 'broadcom_fastpath',
  vendor: 'Broadcom',
  description: 'Broadcom FASTPATH / EFOS switches (white-box and OEM images)',
  // Prompt: FASTPATH_PROMPT (`set prompt`, 64 characters, spaces allowed; default "(Routing)" or "(Switching)" by
  // image); enable, paging, errors, header, secrets and facts shared with the family (fastpath-common.ts).
  ...FASTPATH_SESSION,
  commands: [
    { command: 'show version', role: 'info' },
    // The running configuration as the CLI commands that rebuild it, passwords in their "encrypted" form (CLI
    // Command Reference, "show running-config"); saved as a script it is what "script apply" restores, and
    // "show running-config all" only adds defaults.
    { command: 'show running-config', role: 'config' },
  ],
  detection: {
    prompt: [{ pattern: /^\((?:Routing|Switching|Broadcom FASTPATH \w+|EFOS)\) [>#]$/, weight: 6 }, FASTPATH_FAMILY_PROMPT],
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
