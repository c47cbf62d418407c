/**
 * Extreme Networks VOSS / Fabric Engine (VSP 4450/4900/7200/7400/8200/8400, 5420/5520 in Fabric Engine mode),
 * VOSS 8.x and Fabric Engine 8.6–9.0. Follows the VOSS User Guide 8.10 ("CLI fundamentals: command modes and
 * prompts", "terminal more", "show running-config", "show sys-info", "sys name") and the Fabric Engine User Guide
 * of the same chapters.
 */
import { CISCO_ERRORS, CISCO_LOGIN_STOPS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const extremeVoss: Driver = {
  name: 'extreme_voss',
  vendor: 'Extreme Networks',
  description: 'Extreme Networks VOSS / Fabric Engine (VSP series; RADIUS/TACACS+ keys are shown masked)',
  mode: 'shell',
  // "VSP-8284XSQ:1>", "core-sw1:1#", "core-sw1:1(config)#", "core-sw1:1(config-if)#": the system name, the CPU slot
  // and the mode (User Guide, "Command modes"). Name rule: `sys name` — up to 255 characters; the pattern admits 255.
  promptPattern: /^[\w.\-~+]{1,255}:\d{1,2}(?:\([\w.\-/: ]{1,48}\))?[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // "enable" moves to Privileged EXEC without a password; the role of the account decides what is shown.
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Session only (User Guide, "terminal more disable").
  setupCommands: ['terminal more disable'],
  pagers: [{ name: 'voss-more', pattern: /-+More \(q=Quit, space\/return=Continue\)-+$|--More-- \(q = quit\)$/, reply: ' ' }],
  commands: [
    { command: 'show sys-info', role: 'info' },
    // The running configuration as the commands that rebuild it (User Guide, "show running-config"); it is what
    // "save config" writes and "source <file>" replays. RADIUS/TACACS+ keys and SNMP community strings are
    // displayed masked, so those secrets must be kept outside NetRaven.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [...CISCO_ERRORS, /^% ?Permission denied/i, /^Error ?: /],
  volatileLines: [
    // The running-config header carries the clock (User Guide, "show running-config").
    /^# \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}(?: \w+)?$/,
    // show sys-info: uptime, temperatures and fan speeds.
    /^\s*SysUpTime\s+: /,
    /^\s*(?:Chassis|CPU|MAC|PHY\d*|Switch)\s*Temperature\s+\d+/,
    /^\s*Tray \d+ Fan \d+\s+\S+\s+\w+Speed\s/,
  ],
  secretPatterns: [
    /^(\s*(?:radius|tacacs) server host \S+ (?:.*? )?key )(\S+)/m,
    /^(snmp-server community )("[^"]*"|\S+)/m,
    /^(snmp-server user \S+ (?:group \S+ )?(?:md5|sha\d*) )(\S+)/m,
    /^(snmp-server user \S+ (?:group \S+ )?(?:md5|sha\d*) \S+ (?:aes|des|3des)\S* )(\S+)/m,
    /^(\s*ip ospf (?:authentication-key|message-digest-key \d+ md5) )(\S+)/m,
    /^(\s*isis hello-auth type (?:simple|hmac-md5|hmac-sha-256) key )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show sys-info', pattern: /^\s*SysDescr\s+: (\S+)/m },
    { fact: 'osVersion', command: 'show sys-info', pattern: /^\s*SysDescr\s+: \S+ \(([\d.]+\w*)\)/m },
    { fact: 'serial', command: 'show sys-info', pattern: /^\s*Serial#\s+: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^# software version\s+: \S+$/, description: '"# software version" header line' },
  // VOSS runs on Linux; an account given the diagnostic shell lands in bash.
  shellErrors: LINUX_SHELL_ERRORS,
  detection: {
    prompt: [{ pattern: /^[\w.\-]+:\d{1,2}[>#]$/, weight: 6 }],
    probes: [
      {
        command: 'show sys-info',
        evidence: [
          { pattern: /^\s*SysDescr\s+: (?:VSP|XA|\d{4}\w*) ?\S* \(\d+\.\d+/m, weight: 6 },
          { pattern: /^\s*BrandName\s+: Extreme Networks/m, weight: 6 },
        ],
      },
    ],
  },
};
