/**
 * Extreme Networks ExtremeXOS / Switch Engine (Summit X440-G2, X460-G2, X465, X590, X690, 5520; SummitStack),
 * EXOS 22.x-32.x. Written from the "ExtremeXOS User Guide" (Getting Started: "Understanding the Command Syntax",
 * prompt and "Line-Editing Keys"; "Managing the Configuration File") and the "ExtremeXOS Command Reference"
 * ("disable clipaging", "show configuration", "show switch", "show version", "configure snmp sysName").
 */
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const extremeExos: Driver = {
  name: 'extreme_exos',
  vendor: 'Extreme Networks',
  description: 'Extreme Networks ExtremeXOS / Switch Engine switches',
  mode: 'shell',
  // "X460G2-48t-10G4.5 #": the SNMP sysName, "." and the number of the next command, then "#" (administrator)
  // or ">" (user account); "* " in front while the configuration has unsaved changes, "Slot-1 " on a stack.
  // Name rule: Command Reference, "configure snmp sysName": up to 255 characters, blanks allowed when quoted.
  promptPattern: /^(?:\* )?(?:Slot-\d{1,2} )?[^\s#>*](?:[^#>]{0,253}[^\s#>])?\.\d{1,6} [#>]$/,
  // The command number changes with every command and the star with any configuration change (another session
  // may save or change the configuration meanwhile): both are ignored when the learned prompt is compared.
  promptVariable: /^\* |\.\d{1,6}(?= [#>]$)/g,
  // "disable clipaging" turns the pager off for this session only.
  setupCommands: ['disable clipaging'],
  pagers: [{ name: 'exos-press-space', pattern: /Press <SPACE> to continue or <Q> to quit:?$/, reply: ' ' }],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show switch', role: 'info' },
    // The non-default configuration as the CLI commands that rebuild it, module by module, with every secret in
    // its "encrypted" form: loadable with "load script" (User Guide, "Managing the Configuration File"; the
    // saved .cfg is XML and only readable by the switch itself).
    { command: 'show configuration', role: 'config' },
  ],
  errorPatterns: [/^%% ?(?:Invalid input|Incomplete command|Ambiguous command|Unrecognized command)/, /^Error: /],
  volatileLines: [
    // show switch: clocks, uptime, boot count, and when the selected configuration file was last saved.
    /^Current Time:\s/,
    /^Boot Time:\s/,
    /^Boot Count:\s/,
    /^System UpTime:\s/,
    /^\s+\d+ bytes saved on /,
  ],
  secretPatterns: [
    // Every stored secret is written after "encrypted" (accounts, SNMP communities, RADIUS/TACACS+ secrets).
    /(\bencrypted ")([^"]+)/,
    /(\blocalized-key )(\S+)/,
  ],
  facts: [
    { fact: 'model', command: 'show switch', pattern: /^System Type:\s+(\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Image\s*:\s*(?:ExtremeXOS|Extreme Networks Switch Engine) version (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^(?:Switch|Slot-1)\s*:\s*\S+ (\S+) Rev /m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^# Module \S+ configuration\.$/, description: '"# Module … configuration." headings' },
  // EXOS runs on Linux; an account dropped into its shell ("run script shell") answers like BusyBox sh.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the login banner "ExtremeXOS" / "Copyright (C) … Extreme Networks", the numbered prompt and
  // "show version" ("Image : ExtremeXOS version …"). The banner decides before any probe: a probe's prompt
  // comes back with another command number.
  detection: {
    loginText: [{ pattern: /^(?:ExtremeXOS|Extreme Networks Switch Engine)$|Copyright \(C\) \d{4}-\d{4} Extreme Networks/m, weight: 10 }],
    prompt: [{ pattern: /^(?:\* )?(?:Slot-\d+ )?\S.*\.\d+ [#>]$/, weight: 5 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Image\s*:\s*(?:ExtremeXOS|Extreme Networks Switch Engine) version /m, weight: 10 }] }],
  },
};
