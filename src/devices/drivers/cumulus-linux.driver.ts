/**
 * NVIDIA Cumulus Linux on Spectrum switches (SN2xxx/SN3xxx/SN4xxx), Cumulus Linux 5.x managed with NVUE, and
 * 4.x managed with NCLU. Written from the NVIDIA "Cumulus Linux 5.9 User Guide" ("NVIDIA User Experience -
 * NVUE": "nv config show -o commands", "nv show system", "nv show platform"; "Upgrading Cumulus Linux: back
 * up the configuration") and the "Cumulus Linux 4.4 User Guide" ("Network Command Line Utility - NCLU": "net
 * show configuration commands").
 *
 * What restores a switch is the applied NVUE configuration: NVUE writes /etc/network/interfaces, frr.conf and
 * the other files from it, so copying those files back is overwritten by the next "nv config apply", while
 * replaying the "nv set" commands (or "nv config patch" of the same YAML) rebuilds every one of them. On 4.x
 * without NVUE the same holds for NCLU and "net add" commands. Both run over exec channels without a pty.
 */
import type { Driver } from './driver.js';

export const cumulusLinux: Driver = {
  name: 'cumulus_linux',
  vendor: 'NVIDIA',
  description: 'NVIDIA Cumulus Linux 4.x/5.x switches (NVUE or NCLU over exec)',
  mode: 'exec',
  // Unused over exec; the login shell's prompt ("cumulus@leaf01:mgmt:~$", ":mgmt:" in the management VRF).
  promptPattern: /^[\w.\-]{1,32}@[\w.\-]{1,63}(?::mgmt)?:[^\s$#]*[$#]$/,
  setupCommands: [],
  commands: [
    // 5.x: NVUE; 4.x: the NCLU equivalent (a missing "nv" exits 127 and the fallback runs).
    { command: 'nv show system', role: 'info', fallbacks: ['net show system'] },
    { command: 'nv show platform', role: 'info' },
    { command: 'nv config show -o commands', role: 'config', fallbacks: ['net show configuration commands'] },
  ],
  errorPatterns: [/: command not found$/, /^Error: /, /^ERROR: /, /: Permission denied$/],
  // "nv show system" / "net show system": the uptime.
  volatileLines: [/^uptime\s{2,}/, /^Uptime: /],
  secretPatterns: [
    /^((?:nv set|net add) .*?\b(?:hashed-password|password|secret|key|readonly-community|readwrite-community) )('[^']*'|\S+)/m,
  ],
  facts: [
    { fact: 'osVersion', command: 'nv show system', pattern: /^(?:build\s+|Build: )Cumulus Linux (\S+)/m },
    { fact: 'model', command: 'nv show platform', pattern: /^product-name\s+(\S+)/m },
    // 4.x "net show system" starts with the platform ("Mellanox SN2410").
    { fact: 'model', command: 'nv show system', pattern: /^(?:Mellanox|NVIDIA) (SN\w+)$/m },
    { fact: 'serial', command: 'nv show platform', pattern: /^serial-number\s+(\S+)/m },
    { fact: 'serial', command: 'nv show system', pattern: /^Serial Number\.+ (\S+)/m },
  ],
  commentPrefix: '# ',
  configShape: { marker: /^(?:nv set system hostname|net add hostname) \S/, description: '"nv set system hostname" or "net add hostname" line' },
  // Over exec the shell is the CLI: its errors are the error patterns above.
  shellErrors: [],
  // Detection: the login banner names the OS ("Welcome to NVIDIA Cumulus (R) Linux (R)"), the management-VRF
  // prompt is Cumulus' own, and /etc/lsb-release says DISTRIB_ID="Cumulus Linux".
  detection: {
    loginText: [{ pattern: /Welcome to (?:NVIDIA )?Cumulus \(R\) Linux \(R\)/, weight: 10 }],
    prompt: [{ pattern: /^[\w.\-]+@[\w.\-]+:mgmt:[^\s$#]*[$#]$/, weight: 5 }],
    probes: [{ command: 'cat /etc/lsb-release', evidence: [{ pattern: /^DISTRIB_ID="?Cumulus Linux"?$/m, weight: 10 }] }],
  },
};
