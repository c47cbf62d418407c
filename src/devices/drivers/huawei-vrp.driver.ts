/**
 * Huawei VRP: VRP 8 (CloudEngine CE6800/CE8800/CE12800, NE routers; two-stage commit) and VRP 5 (S5700/S5720/
 * S6720 campus switches, AR routers). Written from the Huawei CloudEngine "Configuration Guide - Basic
 * Configuration" (CLI views, "screen-length 0 temporary", "display current-configuration", configuration
 * files) and "Command Reference" ("display version", "display esn", "sysname"), and the S5720 V200R019
 * "Configuration Guide - Basic Configuration" (user levels, password change at login).
 */
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY, delimiterEnd } from './common-blocks.js';
import type { Driver } from './driver.js';
import { CARET_ERRORS, MORE_DASHES, viewPrompt } from './vrp-comware-common.js';

export const huaweiVrp: Driver = {
  name: 'huawei_vrp',
  vendor: 'Huawei',
  description: 'Huawei VRP 5/8 (CloudEngine, S-series, AR, NE)',
  mode: 'shell',
  // Host name rule: CloudEngine Command Reference, "sysname": "a string of 1 to 246 case-sensitive characters,
  // spaces supported"; the CLI shows it between "<>" (user view) or "[]" ("[~" / "[*" in VRP 8 two-stage mode).
  promptPattern: viewPrompt('[^\\s<>\\[\\]](?:[^<>\\[\\]]{0,244}[^\\s<>\\[\\]])?'),
  // "screen-length 0 temporary" turns paging off for this session only (VRP 5 and 8, user view).
  setupCommands: ['screen-length 0 temporary'],
  pagers: [MORE_DASHES],
  // An old or initial password: "Change now? [Y/N]:" is answered N (the password stays; changing it is the
  // operator's decision); a password that has expired must be changed first, so the login stops.
  loginAnswers: [{ pattern: /Change now\? ?\[Y\/N\]:?$/i, reply: 'n\n' }],
  loginStops: [
    {
      pattern: /password has expired|Please enter (?:the )?old password:?$|Please enter (?:a )?new password:?$/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  // VRP has no enable step: the account's user level (0-3, 15 on VRP 8) decides; an account below the
  // management level gets "display current-configuration" refused (COMMAND_REJECTED names the reply).
  commands: [
    { command: 'display version', role: 'info' },
    { command: 'display esn', role: 'info' },
    // The running configuration as the commands that rebuild it, secrets in cipher form: what "save" writes
    // to the .cfg/.zip file a "startup saved-configuration" restores (Configuration Guide, "Managing
    // Configuration Files").
    { command: 'display current-configuration', role: 'config' },
  ],
  errorPatterns: [...CARET_ERRORS, /^Error: (?:No permission|You do not have permission)/, /^Error: The command is not supported/],
  // VRP 8 heads the configuration with the last change and save ("!Last configuration was updated at …"),
  // which a commit or save without a change moves.
  volatileLines: [/^!Last configuration was (?:updated|saved) at /],
  // "display version": the device and every board report their uptime; the line also names the model.
  volatileRewrites: [{ pattern: / uptime is\s+\d.*$/, replacement: ' uptime is <volatile>' }],
  secretPatterns: [
    // VRP writes every stored secret after "cipher" / "irreversible-cipher" (%^%#…%^%#, %@%@…%@%@, $1a$…$);
    // "ssh server cipher aes256_ctr …" lists algorithms, not a secret.
    /(?<!ssh (?:server|client) )(\b(?:irreversible-cipher|cipher) )(\S+)/,
    /(\bpassword simple )(\S+)/,
    /^(\s*snmp-agent community (?:read|write) )((?!cipher )\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'display version', pattern: /^(?:HUAWEI|Quidway) (\S+)(?: Routing Switch)? uptime is/m },
    { fact: 'osVersion', command: 'display version', pattern: /^VRP \(R\) software, Version (.+)$/m },
    { fact: 'serial', command: 'display esn', pattern: /^ESN of (?:slot|master chassis) \S+: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'quit',
  configShape: { marker: /^return$/, description: 'final "return" line' },
  // VRP has no system shell an account can land in.
  shellErrors: [],
  blocks: [
    // "header login information "…"": the text between the quotes may span lines (Command Reference, "header").
    { name: 'banner', start: /^\s*header (?:login|shell) information (\S)/, end: delimiterEnd(false), kind: 'keep' },
    PEM_PRIVATE_KEY,
    PEM_CERTIFICATE,
  ],
  // Detection: VRP's SSH server names itself ("SSH-2.0-HUAWEI-1.5") and "display version" names the platform
  // ("Huawei Versatile Routing Platform Software").
  detection: {
    sshIdent: [{ pattern: /^SSH-[\d.]+-HUAWEI-/, weight: 10 }],
    loginText: [{ pattern: /^Info: The max number of VTY users is \d+/m, weight: 5 }],
    prompt: [{ pattern: /^<[^<>]+>$/, weight: 3 }],
    probes: [{ command: 'display version', evidence: [{ pattern: /Huawei Versatile Routing Platform Software/, weight: 10 }] }],
  },
};
