/**
 * SONiC (community SONiC 202111-202405 and vendor builds on Broadcom/Mellanox/Marvell switches). Written from the
 * SONiC "Command Reference" (sonic-utilities doc/Command-Reference.md: "show runningconfiguration all", "show
 * version", "config save", "config load"/"config reload") and the SONiC "Configuration" wiki (CONFIG_DB and
 * /etc/sonic/config_db.json). Commands run over exec channels on the Debian host.
 *
 * "show runningconfiguration all" prints the whole running CONFIG_DB as the JSON that "config load" takes, so it
 * restores the switch as it runs; when the account may not read CONFIG_DB, the saved /etc/sonic/config_db.json
 * (what "config reload" loads at boot) is read with a non-interactive sudo instead.
 */
import type { Driver } from './driver.js';

export const sonic: Driver = {
  name: 'sonic',
  vendor: 'SONiC',
  description: 'SONiC switches (running CONFIG_DB as JSON over exec)',
  mode: 'exec',
  // Unused over exec; the Debian login shell ("admin@sonic:~$", hostname(7) rules).
  promptPattern: /^[\w.\-]{1,32}@[\w.\-]{1,63}:[^\s$#]*[$#]$/,
  setupCommands: [],
  commands: [
    { command: 'show version', role: 'info' },
    { command: 'show runningconfiguration all', role: 'config', fallbacks: ['sudo -n cat /etc/sonic/config_db.json'] },
  ],
  errorPatterns: [/: command not found$/, /^Error: /, /^sudo: /, /: Permission denied$/, /^Usage: show /],
  // show version: the uptime and the clock.
  volatileLines: [/^Uptime: /, /^Date: /],
  secretPatterns: [/^(\s*"(?:passkey|password|auth_key|priv_key|secret|key)": ")([^"]*)/m],
  facts: [
    { fact: 'model', command: 'show version', pattern: /^Model Number: (\S+)/m },
    { fact: 'model', command: 'show version', pattern: /^HwSKU: (\S+)/m },
    { fact: 'osVersion', command: 'show version', pattern: /^SONiC Software Version: SONiC\.(\S+)/m },
    { fact: 'serial', command: 'show version', pattern: /^Serial Number: (\S+)/m },
  ],
  commentPrefix: '# ',
  // Every CONFIG_DB has the device's own metadata table.
  configShape: { marker: /^\s*"DEVICE_METADATA": \{$/, description: '"DEVICE_METADATA" table' },
  // Over exec the shell is the CLI: its errors are the error patterns above.
  shellErrors: [],
  blocks: [
    // SNMP communities are the keys of their table, not values: the whole table is the secret.
    { name: 'SNMP community table', start: /^(\s*)"SNMP_COMMUNITY": \{$/, end: (start) => new RegExp(`^${start[1]}\\},?$`), kind: 'secret' },
  ],
  // Detection: the SONiC login banner ("Software for Open Networking in the Cloud") and "show version"
  // ("SONiC Software Version: SONiC.202305…"). The bash prompt is no evidence: every Linux host shows it, and
  // claiming it would make a plain Linux box be asked "show version" before "uname -a".
  detection: {
    loginText: [{ pattern: /Software for Open Networking in the Cloud/, weight: 10 }],
    probes: [{ command: 'show version', evidence: [{ pattern: /^SONiC Software Version: SONiC\./m, weight: 10 }] }],
  },
};
