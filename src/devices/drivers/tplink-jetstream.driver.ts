/**
 * TP-Link JetStream / Omada managed switches (T1600G, T2500G, T2600G, T3700G, SG2xxx/SG3xxx), firmware 2.x–3.x and
 * the Omada 4.x/5.x standalone CLI. Follows the TP-Link T2600G Series CLI Reference Guide ("System Configuration
 * Commands: hostname, show system-info", "User Management Commands: user name (password/secret)", "show
 * running-config") and the Omada SG series CLI Reference Guide of the same chapters.
 */
import { CISCO_LOGIN_STOPS } from './cisco-common.js';
import type { Driver } from './driver.js';

export const tplinkJetstream: Driver = {
  name: 'tplink_jetstream',
  vendor: 'TP-Link',
  description: 'TP-Link JetStream / Omada managed switches (T1600G, T2600G, SG3xxx)',
  mode: 'shell',
  // "T2600G-28TS>", "core-sw1#", "core-sw1(config)#", "core-sw1(config-if)#". Name rule: CLI Reference Guide,
  // `hostname` — the system name, 1–32 characters; the pattern admits 64 for firmware with longer names.
  promptPattern: /^[\w.\-~+]{1,64}(?:\([\w.\-/: ]{1,48}\))*[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // Users land in User EXEC ('>'); "enable" asks for the enable password when one is set.
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Recent firmware takes "terminal length 0"; older firmware refuses it and pages with "Press any key to continue
  // (Q to quit)", a common pager form answered with a space.
  setupCommands: ['terminal length 0'],
  commands: [
    { command: 'show system-info', role: 'info' },
    // The running configuration; passwords appear as "password 7 <symmetric cipher>" or "secret 5 <MD5 hash>", both
    // accepted back by "copy tftp startup-config" — the guide says the encrypted form can be copied from another
    // switch's configuration file (CLI Reference Guide, "user name (password)", "show running-config").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^Error: /, /^Bad command/, /^% ?(?:Invalid|Incomplete|Unrecognized|Ambiguous) /],
  // show system-info: the clock and the running time (CLI Reference Guide, "show system-info").
  volatileLines: [/^\s*System Time\s+- /, /^\s*Running Time\s+- /],
  secretPatterns: [
    /^(user name \S+ (?:privilege \S+ )?(?:password|secret) (?:\d+ )?)(\S+)/m,
    /^(enable (?:password|secret) (?:\d+ )?)(\S+)/m,
    /^((?:radius|tacacs)-server (?:host \S+ (?:.*? )?)?key (?:\d+ )?)(\S+)/m,
    /^(snmp-server community )("[^"]+"|\S+)/m,
    /^(snmp-server host \S+ (?:\d+ )?)("[^"]+"|\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show system-info', pattern: /^\s*Hardware Version\s+- (\S+)/m },
    { fact: 'osVersion', command: 'show system-info', pattern: /^\s*Firmware Version\s+- (\S+)/m },
    { fact: 'serial', command: 'show system-info', pattern: /^\s*Serial Number\s+- (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^end$/, description: 'final "end" line' },
  // The switches have no system shell an account can land in.
  shellErrors: [],
  detection: {
    probes: [
      // JetStream has no "show version" (the command most candidates probe first); its parser answers with its own
      // refusal, which no other platform prints.
      { command: 'show version', evidence: [{ pattern: /^Error: Bad command$/m, weight: 10 }] },
      {
        command: 'show system-info',
        evidence: [
          { pattern: /^\s*System Description\s+- (?:JetStream|Omada) /m, weight: 10 },
          { pattern: /^\s*Bootloader Version\s+- TP-LINK BOOTUTIL/m, weight: 8 },
        ],
      },
    ],
  },
};
