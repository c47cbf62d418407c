/**
 * Allied Telesis AlliedWare Plus (x230/x330/x530/x930/x950 switches, SBx chassis, AR-series firewalls), AlliedWare
 * Plus 5.4.x and 5.5.x. Follows the AlliedWare Plus Command Reference 5.5.x ("hostname", "terminal length", "show
 * running-config", "show version", "show system", "service password-encryption") and the User Access Feature
 * Overview and Configuration Guide.
 */
import { CISCO_ERRORS, CISCO_LOGIN_STOPS, CISCO_SECRETS } from './cisco-common.js';
import { CISCO_BANNER, ENDS_WITH_END } from './cisco-content.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import type { Driver } from './driver.js';

export const alliedtelesisAwplus: Driver = {
  name: 'alliedtelesis_awplus',
  vendor: 'Allied Telesis',
  description: 'Allied Telesis AlliedWare Plus switches and routers (5.4.x, 5.5.x)',
  mode: 'shell',
  // "awplus>", "awplus#", "core-sw1(config-if)#", "core-sw1(config-router)#"; a VCStack member adds nothing. Name
  // rule: Command Reference, `hostname` — up to 63 characters, letters, digits, '-' and '_', starting with a letter.
  promptPattern: /^[A-Za-z][\w.\-]{0,62}(?:\([\w.\-/: ]{1,48}\))*[>#]$/,
  loginStops: CISCO_LOGIN_STOPS,
  // Privilege-15 users still log in at '>' and need "enable" (no password unless "enable password" is set).
  enable: { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ },
  // Session only (Command Reference, "terminal length": 0 prints without pausing).
  setupCommands: ['terminal length 0'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show system', role: 'info' },
    // The running configuration; with "service password-encryption" (the default) secrets are shown as "8 <cipher>",
    // which the device decrypts when the file is loaded back ("copy <file> running-config" / boot config)
    // (Command Reference, "show running-config", "service password-encryption").
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: CISCO_ERRORS,
  // show system: its clock header, memory and flash counters, uptime (Command Reference, "show system").
  volatileLines: [/^Switch System Status\s+\w{3} \w{3} /, /^RAM:\s+Total: /, /^Flash:\s+\S+ Used: /, /^Uptime\s+: /],
  secretPatterns: [...CISCO_SECRETS, /^(snmp-server host \S+ (?:informs |traps )?version \S+ )(\S+)/m],
  facts: [
    { fact: 'model', command: 'show system', pattern: /^Base\s+\d+\s+(\S+)/m },
    { fact: 'osVersion', command: 'show system', pattern: /^Software version\s+: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^AlliedWare Plus \(TM\) (\S+)/m },
    { fact: 'serial', command: 'show system', pattern: /^Base\s+\d+\s+(?:\S+\s+)?\S+\s+\S+\s+(\S+)$/m },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: ENDS_WITH_END,
  // AlliedWare Plus has no system shell an account can land in.
  shellErrors: [],
  blocks: [CISCO_BANNER, PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  detection: {
    prompt: [{ pattern: /^awplus(?:-\d+)?[>#]$/, weight: 5 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^AlliedWare Plus \(TM\) \d/m, weight: 10 }] }],
  },
};
