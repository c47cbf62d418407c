/** Cisco IOS and IOS-XE. */
import { CISCO_ENABLE, CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_PROMPT, CISCO_SECRETS } from './cisco-common.js';
import type { Driver } from './driver.js';

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
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: CISCO_ERRORS,
  volatileLines: [
    /^! Last configuration change at /,
    /^! NVRAM config last updated at /,
    /^! No configuration change since last restart/,
    /^ntp clock-period /,
    /^Current configuration : \d+ bytes/,
    /^Building configuration\.\.\./,
    / uptime is /,
    /^Uptime for this control processor is /,
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
};
