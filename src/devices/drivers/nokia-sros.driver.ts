/**
 * Nokia SR OS (7750 SR, 7450 ESS, 7950 XRS, 7250 IXR, VSR): the model-driven CLI (MD-CLI, SR OS 20.x-24.x) and
 * the classic CLI (SR OS 16.x-22.x in classic configuration mode). Written from the Nokia "7450 ESS, 7750 SR,
 * 7950 XRS, and VSR MD-CLI User Guide" (prompt and context line, "environment more", "admin show
 * configuration"), the "Basic System Configuration Guide" ("CLI usage": prompt, "environment no more", "admin
 * display-config") and the "Clear, Monitor, Show, and Tools Command Reference" ("show system information",
 * "show chassis", "show version").
 */
import type { Driver } from './driver.js';

export const nokiaSros: Driver = {
  name: 'nokia_sros',
  vendor: 'Nokia',
  description: 'Nokia SR OS routers (MD-CLI and classic CLI)',
  mode: 'shell',
  // Classic: "A:core-sw1#", "*A:core-sw1>config>router#" ("A"/"B" the active CPM, "*" unsaved changes).
  // MD-CLI: "A:admin@core-sw1#" under a context line ("[/]", "*(ex)[/configure]") that is dropped below.
  // Name rule: MD-CLI Command Reference, "configure system name": 1 to 64 characters (32 in the classic CLI),
  // blanks allowed when quoted; user names up to 32 characters.
  promptPattern: /^\*?[AB]:(?:[\w.\-]{1,32}@)?[^\s#>@](?:[^#>@]{0,62}[^\s#>@])?(?:>[\w\-.:"]+)*[#$]$/,
  // The "*" appears when another session changes the configuration: it does not move the session.
  promptVariable: /^\*/,
  // Both paging commands are sent: each CLI refuses the other's ("environment more false" is MD-CLI,
  // "environment no more" classic), and both last for this session only.
  setupCommands: ['environment more false', 'environment no more'],
  commands: [
    { command: 'show system information', role: 'info' },
    { command: 'show chassis', role: 'info' },
    // The running configuration with every secret hashed ("hash2"): MD-CLI "admin show configuration" prints
    // it in the "configure { … }" form "admin save" writes and a "load" restores; the classic CLI refuses it and
    // "admin display-config" prints the classic "exit all / configure" script that "exec" replays.
    { command: 'admin show configuration', role: 'config', fallbacks: ['admin display-config'] },
  ],
  errorPatterns: [/^Error: /, /^(?:MINOR|MAJOR|CRITICAL): /],
  volatileLines: [
    // The MD-CLI context line above every prompt ("[/]", "(ex)[/configure router \"Base\"]", "*" and "!" marks).
    /^!?\*?(?:\((?:ex|gl|pr|ro)(?::[\w-]+)?\))?\[[^\]]*\]$/,
    // Configuration header and trailer: when and by whom it was displayed.
    /^# Generated /,
    /^# Finished /,
    // show system information: uptime, boot counter, last save and change.
    /^System Up Time\s+:/,
    /^SNMP Engine Boots\s+:/,
    /^(?:Time Last Saved|Changes Since Last Save|User Last Modified|Time Last Modified|Last Boot Cfg Version)\s*:/,
    // show chassis: sensors and the last boot.
    /^\s+(?:Time of last boot|Temperature|Speed)\s+:/,
  ],
  secretPatterns: [
    // Hashed ("hash"/"hash2") or bcrypt values, in both CLIs always quoted after their keyword.
    /((?:^|\s)(?:password|admin-password|(?:hello-)?authentication-key|secret|pre-shared-key|hash-key|auth-key|priv-key|message-digest-key \d+ md5|community) ")([^"]+)/,
  ],
  facts: [
    { fact: 'model', command: 'show system information', pattern: /^System Type\s+:\s+(.+)$/m },
    { fact: 'osVersion', command: 'show system information', pattern: /^System Version\s+:\s+(\S+)/m },
    { fact: 'serial', command: 'show chassis', pattern: /^\s+Serial number\s+:\s+(\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'logout',
  configShape: { marker: /^# Configuration format version \d+/, description: '"# Configuration format version" header' },
  // SR OS has no system shell an account can land in.
  shellErrors: [],
  // Detection: the "[AB]:" prompt names the active CPM, and "show version" starts with the TiMOS image name.
  detection: {
    prompt: [{ pattern: /^\*?[AB]:\S/, weight: 5 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^TiMOS-[BCI]-\d+\.\d+\.R\d+ /m, weight: 10 }] }],
  },
};
