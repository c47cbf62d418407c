/** Fortinet FortiOS (FortiGate). */
import type { Driver } from './driver.js';

export const fortinetFortios: Driver = {
  name: 'fortinet_fortios',
  vendor: 'Fortinet',
  description: 'Fortinet FortiGate (FortiOS)',
  mode: 'shell',
  promptPattern: /^[\w.\-~]+(?: \([\w.\-]+\))? [#$]$/,
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
