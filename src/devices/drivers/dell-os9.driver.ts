/**
 * Dell Networking OS9 (FTOS; S3048/S4048/S6000/Z9100-ON, MXL, M I/O Aggregator), OS9 9.10–9.14, and the Dell
 * PowerConnect / Networking N-series switches whose FASTPATH-based CLI takes the same commands (PowerConnect
 * 6200/7000/8100/M6348, N1500/N2000/N3000/N4000 on DNOS 5.x–6.x). Follows the Dell EMC Networking OS Command Line
 * Reference Guide 9.14 ("hostname", "terminal length", "show running-config", "show version", "show inventory")
 * and the Dell EMC Networking N-Series CLI Reference Guide 6.x (same chapters).
 */
import { CISCO_BANNER } from './cisco-content.js';
import { CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { FASTPATH_ENABLE, FASTPATH_VOLATILE } from './fastpath-common.js';

export const dellOs9: Driver = {
  name: 'dell_os9',
  vendor: 'Dell',
  description: 'Dell Networking OS9 (FTOS) and PowerConnect / N-series switches',
  mode: 'shell',
  // "core-sw1#", "core-sw1(conf)#", "core-sw1(conf-if-te-1/1)#"; PowerConnect "console#", "console(config-if-Gi1/0/1)#".
  // Name rule: OS9 Command Reference, `hostname` — up to 32 characters; N-series CLI Reference, `hostname` —
  // up to 255 characters without spaces (letters, digits, '-', '_', '.'); the pattern admits 64 before the mode.
  promptPattern: /^[\w.\-~+]{1,64}(?:\([\w.\-/: ]{1,48}\))*[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // Both ask "Password:" for the enable password and show '#' when privileged.
  enable: FASTPATH_ENABLE,
  // Session only on both families (OS9 Command Reference and N-series CLI Reference, "terminal length").
  setupCommands: ['terminal length 0'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // After enable the whole configuration, passwords in their stored (type 7 / type 5 / "encrypted") form: what
    // "copy tftp: running-config" restores (OS9 Command Reference, "show running-config"; N-series: same
    // command, restored with "copy … startup-config"). Without enable OS9 refuses the command.
    { command: 'show running-config', role: 'config' },
  ],
  // OS9: '% Error: Invalid input at "^" marker.'; N-series: the IOS-style replies.
  errorPatterns: [/^% ?Error: /, ...CISCO_ERRORS],
  volatileLines: [
    // OS9 running-config header (Command Reference, "show running-config").
    /^! Last configuration change at /,
    /^! Startup-config last updated at /,
    /^! Startup-config not saved since last reload/,
    // OS9 show version: uptime and the last reload.
    / OS uptime is /,
    /^System (?:restarted|reloaded) at /,
    // PowerConnect / N-series: show version's uptime, and the running-config header of the FASTPATH family.
    /^System Up Time\.+ /,
    ...FASTPATH_VOLATILE,
  ],
  // Both families write IOS-style secret lines ("password 7 …", N-series "password … encrypted"); the trap host
  // line repeats the community.
  secretPatterns: [...CISCO_SECRETS, /^(snmp-server host \S+ (?:traps|informs) version \S+ )("[^"]+"|\S+)/m],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^System Type: (\S+)/m },
    { fact: 'model', command: 'show version', pattern: /^System Model ID\.+ (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /Application Software Version:\s+(\S+)/ },
    { fact: 'osVersion', command: 'show version', pattern: /^System Description\.+ [^,]+, (\d[\w.]*),/m },
    // OS9: the starred row of show inventory is the management unit; N-series prints the serial in show version.
    { fact: 'serial', command: 'show inventory', pattern: /^\*\s+\d+\s+\S+\s+(\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Serial Number\.+ (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: {
    marker: /^(?:end|!Current Configuration:)$/,
    description: 'final "end" line (OS9) or "!Current Configuration:" header (PowerConnect / N-series)',
  },
  // Neither family lets an account land in a system shell.
  shellErrors: [],
  blocks: [CISCO_BANNER],
  detection: {
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^Dell (?:EMC )?(?:Networking OS|Application Software Version)|^Force10 (?:Networks|Operating System)/m, weight: 10 },
          { pattern: /^Machine Type\.+ (?:PowerConnect|Dell (?:EMC )?Networking N\d)/m, weight: 10 },
          { pattern: /^Dell Real Time Operating System Software$/m, weight: 6 },
        ],
      },
    ],
  },
};
