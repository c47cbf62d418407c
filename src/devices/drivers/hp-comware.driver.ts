/**
 * HPE Comware and H3C switches and routers: Comware 7 (HPE 5130/5510/5940/5950 FlexFabric, H3C S5560/S6850)
 * and Comware 5 (HP A-series / 3Com-heritage 5120/5500, H3C S5120). Written from the HPE Comware 7
 * "Fundamentals Configuration Guide" (CLI views, "screen-length disable", "display current-configuration",
 * RBAC user roles) and "Fundamentals Command Reference" ("display version", "display device manuinfo"), and the
 * H3C S5120-EI "Fundamentals Command Reference" (Comware 5: user privilege levels, "super").
 */
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY, delimiterEnd } from './common-blocks.js';
import type { Driver } from './driver.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';
import { CARET_ERRORS, MORE_DASHES, viewPrompt } from './vrp-comware-common.js';

export const hpComware: Driver = {
  name: 'hp_comware',
  vendor: 'HPE',
  description: 'HPE Comware 5/7 and H3C switches and routers',
  mode: 'shell',
  // Host name rule: Comware 7 Fundamentals Command Reference, "sysname": a case-sensitive string of 1 to 64
  // characters (Comware 5: 1 to 30); the CLI shows it between "<>" or "[]" and never with a blank in it.
  promptPattern: viewPrompt('[^\\s<>\\[\\]]{1,64}'),
  // Comware has no per-session enable prompt: a Comware 5 "super" raises the level without changing the prompt,
  // and Comware 7 grants everything through the account's user role. An account below level 3 / without a role
  // that may display the configuration gets the command refused (COMMAND_REJECTED names the reply).
  // "screen-length disable" turns paging off for this session only (Comware 5.20 and 7).
  setupCommands: ['screen-length disable'],
  pagers: [MORE_DASHES],
  // Comware 7 password control: a first login or an expired password must be changed before the prompt.
  loginStops: [
    {
      pattern: /change your password|password has expired|must be changed|^Enter (?:a )?new password:?$/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password (password-control), then update the credential in NetRaven',
    },
  ],
  commands: [
    { command: 'display version', role: 'info' },
    { command: 'display device manuinfo', role: 'info' },
    // The running configuration as the commands that rebuild it, secrets in their "cipher"/"hash" form: what
    // "save" writes to the startup file and "startup saved-configuration" restores (Comware 7 Fundamentals
    // Configuration Guide, "Managing configuration files").
    { command: 'display current-configuration', role: 'config' },
  ],
  errorPatterns: [...CARET_ERRORS, /^Permission denied\.?$/, /^% ?Permission denied/],
  // "display version": uptimes of the device and of every slot, and the last reboot reason.
  volatileLines: [/ uptime is \d+ weeks?, /, /^Uptime is \d+ weeks?,/, /^Last reboot reason\s*:/],
  secretPatterns: [
    /^(\s*(?:super )?password (?:(?:level \d+|role \S+) )?(?:hash|cipher|simple) )(\S+)/m,
    /^(\s*snmp-agent community (?:read|write) (?:(?:cipher|simple) )?)(\S+)/m,
    /^(\s*key (?:authentication|authorization|accounting) (?:cipher|simple) )(\S+)/m,
    /^(\s*(?:pre-shared-key|authentication-key|ospf authentication-mode md5 \d+|peer \S+ password) (?:cipher|simple) )(\S+)/m,
    /(authentication-mode \S+ (?:cipher |simple )?)(\S+)/,
    /(privacy-mode \S+ (?:cipher |simple )?)(\S+)/,
  ],
  facts: [
    // The uptime line names the model too, but it is volatile (dropped before facts are read).
    { fact: 'model', command: 'display device manuinfo', pattern: /^DEVICE_NAME\s*:\s*(.+)$/m },
    { fact: 'model', command: 'display version', pattern: /^BOARD TYPE:\s+(.+)$/m },
    { fact: 'osVersion', command: 'display version', pattern: /^(?:\S+ )?Comware Software, Version (\S+, Release \S+)/m },
    { fact: 'serial', command: 'display device manuinfo', pattern: /^DEVICE_SERIAL_NUMBER\s*:\s*(\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'quit',
  // Every Comware configuration ends with "return" (the cut-off check) and starts with " version …".
  configShape: { marker: /^return$/, description: 'final "return" line' },
  // Comware 7 has no login shell; a Linux account on a Comware 7 "bash"-enabled box answers like bash.
  shellErrors: LINUX_SHELL_ERRORS,
  blocks: [
    // "header motd %" … "%": the text between the delimiters is stored as is (Fundamentals Command Reference, "header").
    { name: 'banner', start: /^\s*header (?:motd|login|shell|incoming|legal) (\S)/, end: delimiterEnd(false), kind: 'keep' },
    PEM_PRIVATE_KEY,
    PEM_CERTIFICATE,
  ],
  // Detection: Comware's SSH server names itself ("SSH-2.0-Comware-7.1.070"), and "display version" names the
  // software (Comware 7 Fundamentals Command Reference, "display version").
  detection: {
    sshIdent: [{ pattern: /^SSH-[\d.]+-Comware-/, weight: 10 }],
    prompt: [{ pattern: /^(?:RBM_[PS])?<[^\s<>]+>$/, weight: 3 }],
    probes: [{ command: 'display version', evidence: [{ pattern: /(?:HPE?|H3C) Comware (?:Platform )?Software|^Comware Software, Version \d/m, weight: 10 }] }],
  },
};
