/**
 * F5 BIG-IP (LTM, GTM, AFM, APM modules) through tmsh, BIG-IP 15.1 to 17.1.
 * Followed: Traffic Management Shell (tmsh) Reference ("show running-config", "list", "show sys version",
 * "show sys hardware", "cli preference"), BIG-IP System: Essentials ("Single configuration files (SCF)",
 * "About the master key"), K14620 (tmsh and the advanced shell), K13132 (backing up the configuration).
 */
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

/** A tmsh command run from the advanced shell (bash) instead: -q suppresses tmsh's own notices. */
const viaBash = (command: string): string => `tmsh -q ${command}`;

export const f5Tmsh: Driver = {
  name: 'f5_tmsh',
  vendor: 'F5',
  description: 'F5 BIG-IP (tmsh running configuration, 15.1–17.1)',
  // One exec channel per command: tmsh runs a command given over exec without its interactive pager, so no
  // user preference ("modify cli preference pager disabled", stored in the configuration) has to change.
  mode: 'exec',
  // Not used to run commands (exec mode); it is what detection sees: the tmsh prompt
  // "admin@(bigip-01.example.net)(cfg-sync In Sync)(Active)(/Common)(tmos)#". Host names follow RFC 1123
  // (tmsh Reference, "sys global-settings hostname": a fully qualified name of up to 255 characters).
  promptPattern: /^[\w.\-]{1,64}@\([\w.\-]{1,255}\)(?:\([^()\n]{1,64}\)){1,6}[#>]$/,
  setupCommands: [],
  commands: [
    // Accounts with the advanced shell (bash) get "-bash: show: command not found": the tmsh -q form follows.
    { command: 'show sys version', role: 'info', fallbacks: [viaBash('show sys version')] },
    { command: 'show sys hardware', role: 'info', fallbacks: [viaBash('show sys hardware')] },
    // The running configuration of every module in tmsh syntax: what "save sys config file NAME.scf" writes
    // and "load sys config merge file" restores (BIG-IP System: Essentials, "Single configuration files").
    // Secrets stay encrypted with the unit's master key ($M$…): restoring them elsewhere needs that key too.
    { command: 'show running-config', role: 'config', fallbacks: [viaBash('show running-config')] },
  ],
  // tmsh: "Syntax Error: \"sho\" unknown property", "01020036:3: The requested pool (/Common/x) was not found.",
  // "Data Input Error: …"; over exec a refused command also has a non-zero exit status.
  errorPatterns: [/^Syntax Error: /, /^\d{8}:\d+: /, /^Data Input Error: /],
  // "show sys hardware": fan speeds and temperatures move all the time (tmsh Reference, "sys hardware").
  volatileLines: [/^ {2}\d+ +(?:up|down) +\d+ +\d+$/, /^ {2}\d+ +\d+ +\d+ +\d+ +.*temperature/i],
  secretPatterns: [
    /^(\s*encrypted-password )(\S+)/m,
    /^(\s*(?:secret|passphrase|bind-pw|auth-password-encrypted|privacy-password-encrypted|password-encrypted) )(\S+)/m,
    /^(\s*community-name )(\S+)/m,
  ],
  facts: [
    { fact: 'osVersion', command: 'show sys version', pattern: /^\s+Version\s+(\S+)$/m },
    { fact: 'model', command: 'show sys hardware', pattern: /^\s+Name\s+(BIG-IP .+)$/m },
    { fact: 'serial', command: 'show sys hardware', pattern: /^\s+Chassis Serial\s+(\S+)$/m },
  ],
  commentPrefix: '# ',
  configShape: { marker: /^sys global-settings \{$/, description: '"sys global-settings" section' },
  // The advanced shell is bash: its reply to a tmsh command without the tmsh prefix.
  shellErrors: LINUX_SHELL_ERRORS,
  // Detection: the tmsh prompt ends in "(tmos)#", the advanced shell's in "[user@host:Active:Standalone]";
  // "show sys version" names the product "BIG-IP" (tmsh Reference, "sys version").
  detection: {
    prompt: [
      { pattern: /\(tmos\)[#>]$/, weight: 10 },
      { pattern: /^\[[\w.\-]+@[\w.\-]+:(?:Active|Standby|ForcedOffline|Offline):[\w ]+\] \S+ #$/, weight: 8 },
    ],
    probes: [
      { command: 'show sys version', evidence: [{ pattern: /^\s+Product\s+BIG-IP$/m, weight: 10 }] },
      { command: viaBash('show sys version'), evidence: [{ pattern: /^\s+Product\s+BIG-IP$/m, weight: 10 }] },
    ],
  },
};
