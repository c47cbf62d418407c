/**
 * Aruba Instant APs (AP-3xx/5xx/6xx in Instant mode; the virtual controller of an Instant cluster), Instant
 * 8.6-8.12. Written from the Aruba Instant 8.x "CLI Reference Guide" ("show running-config", "show version",
 * "show about", "name", "mgmt-user", "wlan ssid-profile") and "User Guide" ("Accessing the Instant CLI").
 */
import { ARUBAOS_ERRORS, ARUBAOS_MORE, ARUBAOS_VERSION_FACTS } from './arubaos-common.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import type { Driver } from './driver.js';

export const arubaInstant: Driver = {
  name: 'aruba_instant',
  vendor: 'HPE Aruba',
  description: 'Aruba Instant APs (virtual controller of an Instant cluster)',
  mode: 'shell',
  // "name#" and "name (config) #", "name (SSID Profile "corp") #". The name is the AP's (default "SetMeUp-xx:xx:xx"
  // or its MAC); name rule: Instant CLI Reference Guide, "name" / "hostname": up to 32 characters, no blanks.
  promptPattern: /^[^\s#>()]{1,32}(?: \([^()]{1,96}\) )?#$/,
  // Instant has no enable step: an administrator lands in privileged mode, a read-only account cannot see the
  // configuration at all. "no paging" is refused by releases without it; the pager is answered then.
  setupCommands: ['no paging'],
  pagers: [ARUBAOS_MORE],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show about', role: 'info' },
    // The cluster configuration the virtual controller pushes to every member, secrets encrypted ("mgmt-user admin
    // <ciphertext>", "wpa-passphrase <ciphertext>"): what a "backup-config" restores onto the cluster (Instant
    // User Guide, "Backing up and Restoring Instant AP Configuration Data").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: ARUBAOS_ERRORS,
  volatileLines: [/^AP uptime is /, /^Reboot Time and Cause: /, /^Uptime\s*:/],
  secretPatterns: [
    /^(\s*mgmt-user \S+ )(\S+)/m,
    /^(\s*(?:wpa-passphrase|key|virtual-controller-key|ikepsk|shared-key|passphrase) )(\S+)/m,
    /^(\s*snmp-server community )(\S+)/m,
  ],
  facts: [...ARUBAOS_VERSION_FACTS, { fact: 'serial', command: 'show about', pattern: /^Serial Number\s*:\s*(\S+)/m }],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^version \d+\.\d+\.\d+\.\d+-/, description: '"version" line' },
  // Instant has no system shell an account can land in.
  shellErrors: [],
  blocks: [PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: "show version" names ArubaOS on an AP model number ("MODEL: 515") with the AP's uptime line.
  detection: {
    prompt: [{ pattern: /^[^\s#>()]+#$/, weight: 1 }],
    probes: [
      {
        command: 'show version',
        evidence: [
          { pattern: /^ArubaOS \(MODEL: \d+\w*\), Version/m, weight: 8 },
          { pattern: /^AP uptime is /m, weight: 5 },
        ],
      },
    ],
  },
};
