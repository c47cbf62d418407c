/**
 * Cisco AireOS Wireless LAN Controllers (2504, 3504, 5508, 5520, 8540, vWLC), AireOS 8.5–8.10.
 * Follows the Cisco Wireless Controller Configuration Guide 8.10 ("Using the CLI", "Managing the System
 * Configuration") and the Cisco Wireless Controller Command Reference 8.10 ("config paging", "config prompt",
 * "config sysname", "show run-config", "show sysinfo", "show inventory").
 */
import type { Driver } from './driver.js';

export const ciscoWlc: Driver = {
  name: 'cisco_wlc',
  vendor: 'Cisco',
  description: 'Cisco AireOS Wireless LAN Controllers (shared secrets and PSKs are masked by every CLI view)',
  mode: 'shell',
  // "(Cisco Controller) >", "(Cisco Controller) config>". The name in brackets is the `config prompt` string
  // (Command Reference, "config prompt": up to 31 alphanumeric characters, spaces allowed, default
  // "Cisco Controller"); the mode word follows the space before '>'.
  promptPattern: /^\([^()\r\n]{1,31}\) (?:[a-z][\w-]*(?: [a-z][\w-]*)*)?>$/,
  // AireOS lets any SSH authentication through and asks for the account itself ("(Cisco Controller)" then
  // "User:" and "Password:"; Configuration Guide, "Using the CLI: Logging into the controller CLI").
  inShellLogin: { userPrompt: /^User:$/, passwordPrompt: /^Password:\**$/ },
  // Session only; a read-only account may be refused, the pager answers take over (Command Reference, "config paging").
  setupCommands: ['config paging disable'],
  // "--More-- or (q)uit" is a common form; "show run-config" stops at each section with its own question.
  pagers: [{ name: 'aireos-press-enter', pattern: /Press Enter to continue(?: or <[Cc]trl-[Zz]> to abort)?(?:\.\.\.)?$/, reply: '\n' }],
  commands: [
    { command: 'show sysinfo', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // The configuration as the list of CLI commands that rebuild it (Command Reference, "show run-config
    // commands"); plain "show run-config" is a status report with counters. Every CLI view masks RADIUS/TACACS+
    // shared secrets, management passwords and WLAN PSKs as "****": only "transfer upload datatype config"
    // (pushed by the controller to a TFTP/SFTP server) carries them (Configuration Guide, "Managing
    // Configuration: Uploading configuration files").
    { command: 'show run-config commands', role: 'config' },
  ],
  // "Incorrect usage. Use the '?' or <TAB> key to list commands." and the input checker's reply.
  errorPatterns: [/^Incorrect (?:usage|input)[.!]/, /^Permission denied/, /^Command (?:authorization failed|not found)/],
  // show sysinfo: uptime, the environment readings and the load figures (Command Reference, "show sysinfo").
  volatileLines: [
    /^System Up Time\.{3,}/,
    /^Internal Temperature\.{3,}/,
    /^Number of Active Clients\.{3,}/,
    /^OUI Classification Failure Count\.{3,}/,
    /^(?:Memory|CPU) (?:Current|Average) Usage\.{3,}/,
    /^Fan Status\.{3,}/,
  ],
  secretPatterns: [
    /^(config (?:radius|tacacs) (?:auth|acct|athr) add \d+ \S+ \d+ (?:ascii|hex) )(\S+)/m,
    /^(config mgmtuser (?:add|password) \S+ )(\S+)/m,
    /^(config wlan security wpa akm psk set-key (?:ascii|hex) )(\S+)/m,
    // The community name is the secret, on every line that names it.
    /^(config snmp community (?:create|accessmode r[ow]|mode (?:enable|disable)|ipaddr \S+ \S+) )(\S+)/m,
    /^(config snmp v3user create \S+ r[ow] \S+ \S+ )(\S+ \S+)/m,
    /^(config ap mgmtuser add username \S+ password )(\S+)/m,
    /^(config local-auth (?:eap-profile method \S+ pac-key|user-credentials) )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show inventory', pattern: /^PID: ([^,\s]+),/m },
    { fact: 'osVersion', command: 'show sysinfo', pattern: /^Product Version\.+ (\S+)/m },
    { fact: 'serial', command: 'show inventory', pattern: /\bSN: (\S+)/ },
  ],
  commentPrefix: '# ',
  exitCommand: 'logout',
  // The startup wizard makes the system name mandatory, so every configuration has it.
  configShape: { marker: /^config sysname \S/, description: '"config sysname" line' },
  // AireOS has no system shell an account can land in.
  shellErrors: [],
  detection: {
    loginText: [{ pattern: /^\(Cisco Controller\)$/m, weight: 10 }],
    prompt: [
      { pattern: /^\(Cisco Controller\) >$/, weight: 10 },
      // FASTPATH switches draw "(Routing) >" too: a hint only.
      { pattern: /^\([^()]+\) >$/, weight: 2 },
    ],
    probes: [{ command: 'show sysinfo', evidence: [{ pattern: /^Product Name\.+ Cisco Controller$/m, weight: 10 }] }],
  },
};
