/** Fortinet FortiOS (FortiGate). */
import type { Driver } from './driver.js';

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
    { command: 'show', role: 'config' },
  ],
  errorPatterns: [/^Command fail\. Return code/, /^Unknown action/, /^command parse error/],
  volatileLines: [
    /^System time: /,
    /^Cluster uptime: /,
    /^#conf_file_ver=/,
    /^(?:Virus-DB|Extended DB|Extreme DB|AV AI\/ML Model|IPS-DB|IPS-ETDB|APP-DB|INDUSTRIAL-DB|IPS Malicious URL Database|Botnet DB|IoT-Detect|OT-Detect-DB|OT-Patch-DB|OT-Threat-DB|FMWP-DB|Proxy-IPS-DB|Proxy-IPS-ETDB|Proxy-APP-DB): /,
  ],
  // Encrypted values are re-salted on every display, so no stable form exists: keep a marker only.
  volatileRewrites: [{ pattern: /\bENC [A-Za-z0-9+/=]{8,}/g, replacement: 'ENC <encrypted>' }],
  secretPatterns: [
    /^(\s*set (?:passwd|password|psksecret|secondary-secret|rsso-secret|secret|key|passphrase|auth-pwd|priv-pwd|auth-password|priv-password) )(.+)$/m,
    /^(\s*set private-key )(.+)$/m,
  ],
  facts: [
    { fact: 'model', command: 'get system status', pattern: /^Version: (\S+) v/m },
    { fact: 'osVersion', command: 'get system status', pattern: /^Version: \S+ (v[\d.]+(?:,build\d+)?)/m },
    { fact: 'serial', command: 'get system status', pattern: /^Serial-Number: (\S+)/m },
  ],
  commentPrefix: '# ',
  exitCommand: 'exit',
};
