/** Cisco IOS and IOS-XE. */
import { CISCO_ENABLE, CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';
import { CISCO_BANNER, CISCO_CERTIFICATE, ENDS_WITH_END } from './cisco-content.js';

export const ciscoIos: Driver = {
  name: 'cisco_ios',
  vendor: 'Cisco',
  description: 'Cisco IOS and IOS-XE (routers, Catalyst switches)',
  mode: 'shell',
  // Hostname rule: see CISCO_PROMPT (IOS `hostname`, 63 characters).
  promptPattern: CISCO_PROMPT,
  loginStops: CISCO_LOGIN_STOPS,
  setupCommands: ['terminal length 0', 'terminal width 0'],
  enable: CISCO_ENABLE,
  commands: [
    { command: 'show version', role: 'info' },
    // After "enable" (privilege 15) "show running-config" is the whole configuration, secrets in their
    // stored (type 5/7/8/9) form: what "copy tftp running-config" restores. "… all" only adds
    // defaults; below privilege 15 IOS shows only what the level may configure (Cisco IOS
    // Configuration Fundamentals Command Reference, "show running-config": "view full").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: CISCO_ERRORS,
  volatileLines: [
    // show running-config header (Configuration Fundamentals Command Reference, "show running-config").
    /^! Last configuration change at /,
    /^! NVRAM config last updated at /,
    /^! No configuration change since last restart/,
    /^Current configuration : \d+ bytes/,
    /^Building configuration\.\.\./,
    // Recomputed by NTP while the clock is disciplined (older IOS writes it into the configuration).
    /^ntp clock-period /,
    // show version: uptime and the last reload, which change without a configuration change.
    / uptime is /,
    /^Uptime for this control processor is /,
    /^System returned to ROM by /,
    /^System restarted at /,
    /^Last reload reason: /,
    // "terminal exec prompt timestamp" lines before every output.
    /^Load for five secs:/,
    /^Time source is /,
  ],
  secretPatterns: CISCO_SECRETS,
  facts: [
    { fact: 'model', command: 'show version', pattern: /^[Cc]isco (\S+) (?:\(.*?\) )?(?:processor|[Cc]hassis)/m },
    { fact: 'osVersion', command: 'show version', pattern: /, Version ([^\s,]+)/ },
    { fact: 'serial', command: 'show version', pattern: /^Processor board ID (\S+)/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: ENDS_WITH_END,
  // IOS has no system shell an account can land in: garbage is caught by the missing "end".
  shellErrors: [],
  blocks: [CISCO_BANNER, CISCO_CERTIFICATE],
  // Detection: IOS's SSH server identifies as "Cisco-1.25" (Cisco IOS Security Configuration Guide, "Secure Shell
  // Version 2 Support": debug ip ssh shows the version string; ASA uses it too), the Cisco-style prompt, and the
  // first line of "show version" (Cisco IOS Configuration Fundamentals Command Reference, "show version").
  detection: {
    sshIdent: [{ pattern: /^SSH-[\d.]+-Cisco-\d/, weight: 3 }],
    prompt: [{ pattern: /^[\w.\-]+[>#]$/, weight: 2 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /Cisco IOS(?: XE)? Software|Cisco Internetwork Operating System Software/, weight: 10 }] }],
  },
};
