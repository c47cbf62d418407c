/**
 * NETGEAR ProSAFE / M-series managed switches (M4300, M4250, M4350, GSM7xxx, XSM), firmware 11.x–14.x, a
 * FASTPATH-derived CLI. Follows the NETGEAR M4300/M4250 CLI Command Reference Manual ("User account management
 * commands", "terminal length", "show running-config", "show version", "hostname", "set prompt").
 */
import type { Driver } from './driver.js';
import { FASTPATH_FAMILY_PROMPT, FASTPATH_SESSION } from './fastpath-common.js';

export const netgearProsafe: Driver = {
  name: 'netgear_prosafe',
  vendor: 'NETGEAR',
  description: 'NETGEAR ProSAFE / M-series managed switches (M4300, M4250, GSM7xxx)',
  // "(M4300-52G) >" until a `hostname` / `set prompt` is set (CLI Command Reference, "set prompt": up to 64
  // characters); enable, paging ("terminal length 0"), errors, header, secrets and facts shared with the FASTPATH
  // family (fastpath-common.ts).
  ...FASTPATH_SESSION,
  commands: [
    { command: 'show version', role: 'info' },
    // The running configuration with passwords in their "encrypted" form: saved as a script it is what
    // "script apply" (or "copy tftp://… nvram:startup-config") restores (CLI Command Reference, "show
    // running-config"; "Configuration scripting"). "show running-config all" only adds defaults.
    { command: 'show running-config', role: 'config' },
  ],
  detection: {
    prompt: [{ pattern: /^\((?:M4[0-9]{3}|GSM\d{4}|XSM\d{4}|GS\d{3}T|Netgear Switch|NETGEAR)[^()]*\) [>#]$/, weight: 6 }, FASTPATH_FAMILY_PROMPT],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^System Description\.+ .*(?:ProSAFE|ProSafe|NETGEAR|Netgear)/m, weight: 10 },
          { pattern: /^Machine Model\.+ (?:M4\d{3}|GSM\d{4}|XSM\d{4}|GS\d{3}T)/m, weight: 6 },
        ],
      },
    ],
  },
};
