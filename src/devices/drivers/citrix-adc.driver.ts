/**
 * Citrix ADC / NetScaler (MPX, VPX, SDX instances), NetScaler 13.1 and 14.1, through the NetScaler CLI.
 * Followed: Citrix ADC Command Reference ("cli mode", "cli prompt", "ns runningConfig", "ns version",
 * "ns hardware", "system user", "snmp community", "authentication ldapAction/radiusAction"), Citrix ADC
 * documentation "Backup and restore a Citrix ADC appliance" and "Encrypting configuration secrets (KEK)".
 */
import type { Driver } from './driver.js';
import { CSH_NOT_FOUND, LINUX_SHELL_ERRORS } from './shell-errors.js';

export const citrixAdc: Driver = {
  name: 'citrix_adc',
  vendor: 'Citrix',
  description: 'Citrix ADC / NetScaler (ns runningConfig, 13.1–14.1)',
  mode: 'shell',
  // The default prompt is a bare "> "; "set cli prompt %u@%h" makes it "nsroot@adc-01.example.net>"
  // (Command Reference, "cli prompt"; host names up to 255 characters, "ns hostName"). A prompt with the
  // time in it (%t, %T) changes on every line and cannot be learned: use a prompt without it.
  promptPattern: /^(?:[\w.\-]{1,127}@[\w.\-]{1,255}(?:-[A-Za-z]+)?)?>$/,
  // A session setting, not saved configuration (Command Reference, "set cli mode": the current CLI session).
  setupCommands: ['set cli mode -page OFF'],
  loginStops: [
    {
      pattern: /^(?:Please )?(?:enter|change) (?:a )?new password:?$|password (?:has )?expired/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'show ns version', role: 'info' },
    { command: 'show ns hardware', role: 'info' },
    // The running configuration as the add/set/bind commands "batch -fileName" or a restored ns.conf replays
    // ("Backup and restore a Citrix ADC appliance"). Secrets are encrypted with the appliance's KEK
    // (-encryptmethod ENCMTHD_3 -kek): a restore onto another appliance needs its KEK files too.
    { command: 'show ns runningConfig', role: 'config' },
  ],
  // "ERROR: No such command", "ERROR: Not authorized to execute this command [show ns hardware]".
  errorPatterns: [/^ERROR: /],
  volatileLines: [
    // Rewritten by "save ns config" whether or not anything changed.
    /^# Last modified by `save config`, /,
    // The CLI's completion notice after every command: not configuration.
    /^\s*Done$/,
  ],
  secretPatterns: [
    /^((?:add|set) system user \S+ )(\S+)(?= -encrypted)/m,
    /( -(?:password|ldapBindDnPassword|radKey|tacacsSecret|passphrase|authPassword|privPassword|sharedSecret|communityName|keyValue) )(\S+)/m,
    /^(add snmp community )(\S+)/m,
  ],
  facts: [
    { fact: 'osVersion', command: 'show ns version', pattern: /NetScaler (NS\S+: Build \S+?),/ },
    { fact: 'model', command: 'show ns hardware', pattern: /^\s*Platform: (.+?)\s*$/m },
    { fact: 'serial', command: 'show ns hardware', pattern: /^\s*Serial no: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^#NS\d+\.\d+ Build \S+$/, description: '"#NS<version> Build <n>" header' },
  // "shell" leads to the FreeBSD shell (csh for nsroot, sh for scripts).
  shellErrors: [CSH_NOT_FOUND, ...LINUX_SHELL_ERRORS],
  // Detection: the bare ">" prompt is NetScaler's default; "show ns version" names NetScaler NSxx.x.
  detection: {
    prompt: [
      { pattern: /^>$/, weight: 4 },
      { pattern: /^[\w.\-]+@[\w.\-]+>$/, weight: 1 },
    ],
    probes: [{ command: 'show ns version', evidence: [{ pattern: /NetScaler NS\d+\.\d+: Build /, weight: 10 }] }],
  },
};
