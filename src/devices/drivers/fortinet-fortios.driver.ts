/** Fortinet FortiOS (FortiGate). */
import type { Driver } from './driver.js';

// "set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----" … "-----END ENCRYPTED PRIVATE KEY-----"".
const PRIVATE_KEY_START = /^\s*set [\w-]*private-key "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----$/;
const PRIVATE_KEY_END = /^-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----"$/;

export const fortinetFortios: Driver = {
  name: 'fortinet_fortios',
  vendor: 'Fortinet',
  description: 'Fortinet FortiGate (FortiOS)',
  mode: 'shell',
  // Hostname rule: FortiOS Administration Guide, "Text strings" — hostnames use letters, digits, '-' and '_'
  // (35 characters, `set hostname`); '~' is admitted for a name the CLI shortens. "(vdom)" / "(console)" follow;
  // '$' ends the prompt of a read-only administrator.
  promptPattern: /^[\w.\-~+]{1,40}(?: \([\w.\-]{1,40}\))? [#$]$/,
  // post-login-banner: the banner, then "(Press 'a' to accept):" (FortiOS Administration Guide, "Administrator
  // disclaimer"); forced or expired password changes must not be answered.
  loginAnswers: [{ pattern: /\(Press 'a' to accept\):?$/i, reply: 'a' }],
  loginStops: [
    {
      pattern: /^New Password:?$|forced to change your password|password (?:has )?expired/i,
      code: 'PASSWORD_EXPIRED',
      action: 'log in once by hand and set a new password, then update the credential in NetRaven',
    },
  ],
  // FortiOS has no per-session "terminal length": the console output mode is the documented way.
  setupCommands: ['config system console', 'set output standard', 'end'],
  commands: [
    { command: 'get system status', role: 'info' },
    // "show" prints "the commands required to achieve the configuration from the firmware's default
    // state" (FortiOS CLI Reference, "show"), the same content as a configuration backup file and
    // what a restore replays; "show full-configuration" adds every default, which a restore onto
    // newer firmware would pin to the old values.
    { command: 'show', role: 'config' },
  ],
  errorPatterns: [/^Command fail\. Return code/, /^Unknown action/, /^command parse error/],
  volatileLines: [
    /^#conf_file_ver=/,
    // get system status: the clock, uptimes, the last reboot and every signature database
    // ("Virus-DB: 92.02145(2024-03-05 07:32)", IPS-DB, APP-DB, …), updated by FortiGuard at any time.
    /^System time: /,
    /^Cluster uptime: /,
    /^Last reboot reason: /,
    /^[A-Za-z][\w ./+-]*: \d+\.\d+\(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/,
  ],
  // Encrypted values are re-salted on every display, so no stable form exists: keep a marker only.
  volatileRewrites: [
    { pattern: /\bENC [A-Za-z0-9+/=]{8,}/g, replacement: 'ENC <encrypted>' },
    { pattern: /^(#private-encryption-key=).+$/, replacement: '$1<encrypted>' },
  ],
  secretPatterns: [
    /^(\s*set (?:passwd|password|psksecret|secondary-secret|rsso-secret|secret|key|passphrase|auth-pwd|priv-pwd|auth-password|priv-password) )(.+)$/m,
  ],
  facts: [
    { fact: 'model', command: 'get system status', pattern: /^Version: (\S+) v/m },
    { fact: 'osVersion', command: 'get system status', pattern: /^Version: \S+ (v[\d.]+(?:,build\d+)?)/m },
    { fact: 'serial', command: 'get system status', pattern: /^Serial-Number: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
  configShape: { marker: /^(?:#config-version=|config system global$)/, description: '"#config-version" header or "config system global" section' },
  // FortiOS has no system shell an account can land in.
  shellErrors: [],
  blocks: [
    // A private key is re-encrypted on every display (like ENC values): never stored, never a new version.
    { name: 'private key', start: PRIVATE_KEY_START, end: PRIVATE_KEY_END, kind: 'volatile' },
    // An encrypted value quoted across lines ("set … ENC "…"): re-salted like a one-line ENC value.
    { name: 'encrypted value', start: /^\s*set [\w-]+ ENC "(?=[^"]*$)/, end: /^[^"]*"$/, kind: 'volatile' },
    // Any other value spanning lines: certificates, replacement-message buffers, comments.
    { name: 'quoted value', start: /^\s*set [\w-]+ "(?:[^"\\]|\\.)*$/, end: /^(?:[^"\\]|\\.)*"$/, kind: 'keep' },
  ],
  // Detection: the prompt puts a blank before '#' ("FGT60E #"), and "get system status" starts with
  // "Version: FortiGate-…" (FortiOS CLI Reference, "get system status").
  detection: {
    prompt: [{ pattern: /^[\w.\-~+]+(?: \([\w.\-]+\))? [#$]$/, weight: 3 }],
    probes: [{ command: 'get system status', evidence: [{ pattern: /^Version: Forti\w+/m, weight: 10 }] }],
  },
};
