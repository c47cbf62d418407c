/**
 * Netgate pfSense CE 2.6-2.7 and pfSense Plus 22.x-24.x (Netgate appliances and virtual machines). Written from
 * the Netgate "pfSense Documentation": "Backup and Restore" (the configuration is /conf/config.xml and a restore
 * takes that file), "Shell access" / "Console menu" (SSH lands admin in the console menu, while an exec request
 * runs the command), "User Management" (bcrypt hashes in config.xml).
 */
import { CONFIG_XML, CONFIG_XML_SECRETS, FREEBSD_ERRORS, REVISION_BLOCK, SMBIOS_COMMANDS, SMBIOS_FACTS } from './config-xml-common.js';
import { PEM_CERTIFICATE, PEM_PRIVATE_KEY } from './common-blocks.js';
import type { Driver } from './driver.js';

export const pfsense: Driver = {
  name: 'pfsense',
  vendor: 'Netgate',
  description: 'pfSense CE / Plus firewalls (config.xml over exec)',
  mode: 'exec',
  // Unused over exec; the shell (menu option 8) prompts "[2.7.2-RELEASE][admin@fw1.example.net]/root:".
  promptPattern: /^\[[\w.\-]+\]\[[\w.\-]+@[\w.\-]+\]\/[^\s]*:$/,
  setupCommands: [],
  commands: [
    // "2.7.2-RELEASE" (CE) or "23.09.1-RELEASE" (Plus).
    { command: 'cat /etc/version', role: 'info' },
    ...SMBIOS_COMMANDS,
    CONFIG_XML,
  ],
  errorPatterns: FREEBSD_ERRORS,
  volatileLines: [],
  secretPatterns: CONFIG_XML_SECRETS,
  facts: [{ fact: 'osVersion', command: 'cat /etc/version', pattern: /^(\d[\w.\-]*)$/m }, ...SMBIOS_FACTS],
  commentPrefix: '# ',
  // The closing root element: present only when the whole file was read.
  configShape: { marker: /^<\/pfsense>$/, description: 'closing "</pfsense>" element' },
  // Over exec the shell is the CLI: its errors are the error patterns above.
  shellErrors: [],
  blocks: [REVISION_BLOCK, PEM_PRIVATE_KEY, PEM_CERTIFICATE],
  // Detection: the console menu greets with "*** Welcome to pfSense …" (Plus: "Netgate pfSense Plus"), and
  // /etc/platform holds "pfSense". The menu shows no prompt, so the probe runs over an exec channel.
  detection: {
    loginText: [{ pattern: /\*\*\* Welcome to (?:Netgate )?pfSense\b/, weight: 10 }],
    probes: [{ command: 'cat /etc/platform', evidence: [{ pattern: /^pfSense$/m, weight: 10 }] }],
  },
};
