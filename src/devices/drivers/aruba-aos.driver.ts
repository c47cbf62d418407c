/**
 * Aruba AOS-W / ArubaOS 8 Mobility Controllers and Mobility Conductors (7000/7200/9000 series, MC-VA, MM-VA),
 * ArubaOS 8.6-8.12, and Alcatel-Lucent OmniAccess (AOS-W). Written from the ArubaOS 8 "CLI Reference Guide"
 * ("enable", "no paging", "show running-config", "show version", "show inventory", "hostname", "mgmt-user")
 * and the ArubaOS 8 "User Guide" (management users, "encrypt").
 */
import type { Driver } from './driver.js';
import { ARUBAOS_ERRORS, ARUBAOS_MORE, ARUBAOS_VERSION_FACTS } from './arubaos-common.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';

export const arubaAos: Driver = {
  name: 'aruba_aos',
  vendor: 'HPE Aruba',
  description: 'Aruba AOS-W / ArubaOS 8 Mobility Controllers and Conductors',
  mode: 'shell',
  // "(host) >" before enable, "(host) #" after; ArubaOS 8 adds the configuration node ("(host) [mynode] #",
  // "^" / "*" before it while changes are pending) and the sub-mode ("(host) (config) #").
  // Host name rule: CLI Reference Guide, "hostname": up to 63 characters, no blanks.
  promptPattern: /^\([^\s()]{1,63}\) (?:[\^*]?\[[\w.\-/]{1,128}\] )?(?:\([\w .\-/"]{1,64}\) ?)?[>#]$/,
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // "no paging" lasts for the session (CLI Reference Guide, "paging").
  setupCommands: ['no paging'],
  pagers: [ARUBAOS_MORE],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // The node's running configuration, secrets encrypted with the controller's own key ("mgmt-user admin root
    // <hash>", "key <ciphertext>"): what "copy running-config flash:" saves and the controller restores
    // (CLI Reference Guide, "show running-config", "copy"). Restoring onto another controller needs the same
    // encryption, or "encrypt disable" before the retrieval.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: ARUBAOS_ERRORS,
  volatileLines: [
    // show version: uptime and the reason and time of the last reboot.
    /^Switch uptime is /,
    /^Reboot Cause: /,
    // show inventory: temperatures and fan speeds read at display time.
    /^\s*[\w ]+ Temp \(C\)\s*:/,
    /^\s*Fan \d+ Speed\s*:/,
  ],
  secretPatterns: [
    /^(\s*mgmt-user \S+ \S+ )(\S+)/m,
    /^(\s*enable secret )(\S+)/m,
    /^(\s*(?:key|wpa-passphrase|shared-secret|ikepsk|passphrase|wep-key \d) )(\S+)/m,
    /^(\s*snmp-server community )(\S+)/m,
    /^(\s*snmp-server host \S+ version (?:1|2c) )(\S+)/m,
    /(\b(?:auth-prot (?:md5|sha) |priv-prot (?:AES|DES) ))(\S+)/,
    /^(\s*(?:ip )?ospf message-digest-key \d+ md5 )(\S+)/m,
  ],
  facts: [
    ...ARUBAOS_VERSION_FACTS,
    { fact: 'serial', command: 'show inventory', pattern: /^System Serial#\s*:\s*(\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^version \d+\.\d+/, description: '"version" line' },
  // ArubaOS has no system shell an account can land in.
  shellErrors: [],
  blocks: [PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the parenthesised prompt (shared with AireOS), and "show version" naming ArubaOS or AOS-W on a
  // controller model ("MODEL: Aruba7210"; an Instant AP shows a bare number) with the controller's uptime line.
  detection: {
    prompt: [{ pattern: /^\([^\s()]+\) (?:[\^*]?\[[^\]]+\] )?[>#]$/, weight: 3 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^(?:ArubaOS|AOS-W) \(MODEL: (?:Aruba|OAW-|MM-|MC-)/m, weight: 10 },
          { pattern: /^Switch uptime is /m, weight: 3 },
        ],
      },
    ],
  },
};
