/**
 * Ruckus (formerly Brocade / Foundry) ICX switches running FastIron: ICX 7150/7250/7450/7550/7650/7850, FastIron
 * 08.0.90–08.0.95 and 09.0.10. Follows the Ruckus FastIron Command Reference 08.0.95 / 09.0.10 ("hostname",
 * "skip-page-display", "show running-config", "show version", "enable super-user-password") and the FastIron
 * Security Configuration Guide ("Encryption of passwords and keys: password 8, key 2").
 */
import { CISCO_LOGIN_STOPS } from './cisco-common.js';
import { CISCO_BANNER, ENDS_WITH_END } from './cisco-content.js';
import type { Driver } from './driver.js';

export const ruckusFastiron: Driver = {
  name: 'ruckus_fastiron',
  vendor: 'Ruckus',
  description: 'Ruckus ICX switches (FastIron 08.0.9x, 09.0.x)',
  mode: 'shell',
  // "SSH@core-sw1#", "SSH@ICX7150-48P Router>", "SSH@core-sw1(config-if-e1000-1/1/1)#". FastIron prefixes the session
  // type ("SSH@", "telnet@") and shows "<model> Router|Switch" until a `hostname` is set; Command Reference,
  // `hostname` — up to 64 characters (spaces allowed when quoted).
  promptPattern: /^(?:SSH@|telnet@)?[\w.\-~+](?:[\w.\-~+ ]{0,62}[\w.\-~+])?(?:\([\w.\-/: ]{1,48}\))?[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // "enable" asks for the super-user password (or, with "aaa authentication enable", the account's own).
  enable: { command: 'enable', passwordPrompt: /^(?:Password|Enter Password):$/, privilegedPrompt: /#$/ },
  // Session only, privileged EXEC (Command Reference, "skip-page-display").
  setupCommands: ['skip-page-display'],
  pagers: [{ name: 'fastiron-more', pattern: /--More--, next page: Space, next line: Return key, quit: Control-c$/i, reply: ' ' }],
  commands: [
    { command: 'show version', role: 'info' },
    // The running configuration with passwords as "8 <hash>" and keys/communities as "2 <encrypted>" (the default
    // "service password-encryption" display): "copy tftp running-config" restores it; secrets stay usable because
    // FastIron decrypts its own key-2 form (Security Configuration Guide, "Encryption of passwords and keys").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^Invalid input -> /, /^Error - /, /^Incomplete command\.?$/, /^Unrecognized command/, /^Ambiguous input -> /],
  volatileLines: [
    // show version: uptime, boot time and start reason (Command Reference, "show version").
    / system uptime is /,
    /^The system started at /,
    /^The system : started=/,
  ],
  secretPatterns: [
    /^(enable (?:super-user-password|port-config-password|read-only-password) (?:\d+ )?)(\S+)/m,
    /^(username \S+ (?:privilege \d+ )?password (?:\d+ )?)(\S+)/m,
    /^((?:radius|tacacs)-server (?:host \S+ (?:.*? )?)?key (?:\d+ )?)(\S+)/m,
    /^(snmp-server community (?:\d+ )?)(\S+)/m,
    /^(snmp-server host \S+ (?:version \S+ )?(?:\d+ )?)(\S+)/m,
    /^(\s*ip ospf (?:md5-)?authentication(?:-key)? (?:key-id \d+ key )?(?:\d+ )?)(\S+)/m,
    /^(\s*neighbor \S+ password (?:\d+ )?)(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^\s*HW: (?:Stackable )?(\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^\s*SW: Version (\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /Serial\s+#:\s*(\S+)/ },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: ENDS_WITH_END,
  // FastIron has no system shell an account can land in.
  shellErrors: [],
  blocks: [CISCO_BANNER],
  detection: {
    prompt: [{ pattern: /^(?:SSH|telnet)@/, weight: 8 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /Copyright \(c\) (?:\d{4}-\d{4} )?(?:Ruckus|Brocade|Foundry|CommScope)/, weight: 6 },
          { pattern: /^\s*SW: Version (?:0[89]|10)\.\d/m, weight: 4 },
          { pattern: /^\s*HW: Stackable ICX\d+/m, weight: 6 },
        ],
      },
    ],
  },
};
