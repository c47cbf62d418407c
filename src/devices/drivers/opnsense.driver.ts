/**
 * Deciso OPNsense 23.x-24.x (DEC appliances and virtual machines). Written from the "OPNsense Documentation":
 * "Backups" (the whole configuration is /conf/config.xml, which "System: Configuration: Backups" restores),
 * "Console" / "Secure Shell" (root lands in the console menu over SSH; an exec request runs the command) and
 * "opnsense-version" (the installed release).
 */
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import { CONFIG_XML, CONFIG_XML_SECRETS, FREEBSD_ERRORS, REVISION_BLOCK, SMBIOS_COMMANDS, SMBIOS_FACTS } from './config-xml-common.js';
import type { Driver } from './driver.js';

export const opnsense: Driver = {
  name: 'opnsense',
  vendor: 'Deciso',
  description: 'OPNsense firewalls (config.xml over exec)',
  mode: 'exec',
  // Unused over exec; the root shell (menu option 8) prompts "root@fw1:~ #" (csh).
  promptPattern: /^[\w.\-]{1,32}@[\w.\-]{1,63}:[^\s]* [#%]$/,
  setupCommands: [],
  commands: [
    // "OPNsense 24.1.2 (amd64)".
    { command: 'opnsense-version', role: 'info' },
    ...SMBIOS_COMMANDS,
    CONFIG_XML,
  ],
  errorPatterns: FREEBSD_ERRORS,
  volatileLines: [],
  secretPatterns: CONFIG_XML_SECRETS,
  facts: [{ fact: 'osVersion', command: 'opnsense-version', pattern: /^OPNsense (\S+)/m }, ...SMBIOS_FACTS],
  commentPrefix: '# ',
  // The closing root element: present only when the whole file was read.
  configShape: { marker: /^<\/opnsense>$/, description: 'closing "</opnsense>" element' },
  // Over exec the shell is the CLI: its errors are the error patterns above.
  shellErrors: [],
  blocks: [REVISION_BLOCK, PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the console menu's greeting ("Hello, this is OPNsense 24.1") and its "*** host: OPNsense …" line.
  // The menu shows no prompt, so nothing is typed into it.
  detection: {
    loginText: [
      { pattern: /Hello, this is OPNsense \d/, weight: 10 },
      { pattern: /^\*\*\* \S+: OPNsense \d[\w.]* \(\w+\) \*\*\*$/m, weight: 5 },
    ],
  },
};
