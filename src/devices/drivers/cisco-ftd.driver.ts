/**
 * Cisco Secure Firewall Threat Defense / Firepower Threat Defense (FTD) on Firepower 1000/2100/3100/4100/9300 and
 * FTDv, FTD 6.6–7.4, through its own CLI (the ">" prompt on top of FX-OS). Follows the Cisco Secure Firewall Threat
 * Defense Command Reference ("show running-config", "show version", "show inventory", "expert") and the FMC / FDM
 * configuration guides, chapter "Backup and Restore".
 */
import type { Driver } from './driver.js';
import { CISCO_LOGIN_STOPS } from './cisco-common.js';
import { LINUX_SHELL_ERRORS } from './shell-errors.js';

export const ciscoFtd: Driver = {
  name: 'cisco_ftd',
  vendor: 'Cisco',
  description: 'Cisco Firepower / Secure Firewall Threat Defense (FTD CLI; a change record — restore through FMC/FDM backups)',
  mode: 'shell',
  // The FTD CLI prompt is a bare ">" whatever the hostname (Command Reference, "Using the CLI"). "expert" leads to
  // a Linux shell ("admin@ftd1:~$") and "connect fxos" to the FX-OS CLI ("firepower#"): neither is this prompt, so
  // a session that lands there fails with PROMPT_NOT_FOUND naming the line instead of reading the wrong CLI.
  promptPattern: /^>$/,
  // A threat defense never set up starts its initial setup at the first CLI login: the EULA, then a new admin
  // password, then the management network (FTD Getting Started Guide, "Complete the Threat Defense Initial
  // Configuration Using the CLI"). NetRaven accepts no licence and sets no password: it stops there.
  loginStops: [
    { pattern: /You must accept the EULA to continue|Press <ENTER> to display the EULA|AGREE to the EULA/i, code: 'PASSWORD_EXPIRED', action: 'finish the initial setup (EULA, admin password, management network) on the console or by hand, then update the credential in NetRaven' },
    ...CISCO_LOGIN_STOPS,
  ],
  // The deployed LINA configuration pages with "<--- More --->" (a common form); releases whose CLI accepts
  // "terminal pager 0" print it whole, the others refuse it and the pager answers take over.
  setupCommands: ['terminal pager 0'],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show inventory', role: 'info' },
    // The configuration FMC or FDM deployed, in ASA syntax (Command Reference, "show running-config"). It is a
    // reviewable change record, not a restore source: FTD is configured by its manager, the CLI masks every key as
    // "*****" (no "more system:running-config" as on ASA), and a restore uses the manager's backup (FMC/FDM
    // configuration guide, "Backup and Restore"). Policies (access control, intrusion) appear as their LINA form.
    { command: 'show running-config', role: 'config' },
  ],
  errorPatterns: [/^Syntax error: /, /^ERROR: /, /^% ?Invalid input/, /^Permission denied/i],
  volatileLines: [
    // Running-config header and checksum, rewritten on every deployment (Command Reference, "show running-config").
    /^: Written by \S+ at /,
    /^Cryptochecksum:/,
    // show version: the intrusion rule (LSP/SRU) and vulnerability database versions update on their own schedule.
    /^LSP version\s+: /,
    /^VDB version\s+: /,
    /^Rules update version\s+: /,
  ],
  secretPatterns: [
    /^(enable password )(\S+)/m,
    /^(username \S+ password )(\S+)/m,
    /^(\s*key )(\S+)/m,
    /^(\s*(?:ikev1 |ikev2 (?:local|remote)-authentication )?pre-shared-key )(\S+)/m,
    /^(snmp-server host \S+ \S+ community )(\S+)/m,
    /^(snmp-server community )(\S+)/m,
    /^(\s*ospf (?:authentication-key|message-digest-key \d+ md5) )(\S+)/m,
    /^(failover key )(\S+)/m,
  ],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Model\s+: Cisco (.+?) Threat Defense/m },
    { fact: 'osVersion', command: 'show version', pattern: /^Model\s+: .* Version (\S+)/m },
    { fact: 'serial', command: 'show inventory', pattern: /\bSN: (\S+)/ },
  ],
  commentPrefix: '! ',
  exitCommand: 'exit',
  configShape: { marker: /^: end$/, description: 'final ": end" line' },
  // Expert mode is a Linux shell: its replies are never a configuration.
  shellErrors: LINUX_SHELL_ERRORS,
  detection: {
    loginText: [{ pattern: /^Cisco (?:Firepower|Secure Firewall) [\w ]*Threat Defense(?: for \w+)? v\d/m, weight: 10 }],
    prompt: [{ pattern: /^>$/, weight: 3 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^Model\s+: Cisco .*Threat Defense/m, weight: 10 }] }],
  },
};
