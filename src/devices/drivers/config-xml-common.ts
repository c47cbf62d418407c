/**
 * What pfSense and OPNsense really share (OPNsense forked from pfSense in 2015 and kept its configuration
 * model): the whole firewall in /conf/config.xml, read over an exec channel; the FreeBSD host's SMBIOS strings
 * for model and serial; the "<revision>" element every save rewrites; and the element names that hold secrets.
 */
import type { BlockRule, DriverCommand, FactPattern } from './driver.js';
import { SH_NOT_FOUND } from './shell-errors.js';

/** The SMBIOS product and serial (kenv(1); "-q": no error text, a missing variable just exits 1). */
export const SMBIOS_COMMANDS: DriverCommand[] = [
  { command: 'kenv -q smbios.system.product', role: 'info' },
  { command: 'kenv -q smbios.system.serial', role: 'info' },
];

export const SMBIOS_FACTS: FactPattern[] = [
  { fact: 'model', command: 'kenv -q smbios.system.product', pattern: /^(\S.*)$/m },
  { fact: 'serial', command: 'kenv -q smbios.system.serial', pattern: /^(\S+)$/m },
];

/** The configuration file itself: the backup both products restore ("Diagnostics > Backup & Restore"). */
export const CONFIG_XML: DriverCommand = { command: 'cat /conf/config.xml', role: 'config' };

/**
 * "<revision>…</revision>": the time, user and description of the last save, rewritten by every save, also one
 * that changes nothing; its body is one stable marker so such a save never makes a new version.
 */
export const REVISION_BLOCK: BlockRule = { name: 'revision', start: /^\s*<revision>$/, end: /^\s*<\/revision>$/, kind: 'volatile' };

/**
 * Elements holding secrets: password hashes, pre-shared keys, RADIUS/LDAP secrets, SNMP communities, and the
 * base64 private keys and OpenVPN static/TLS keys (one line each in config.xml). Values may be CDATA.
 */
export const CONFIG_XML_SECRETS: RegExp[] = [
  /(<(?:bcrypt-hash|sha512-hash|password|pre-shared-key|ipsecpsk|prv|shared_key|tls|tlsauth_key|rocommunity|rwcommunity|radius_secret|radius_secret2|ldap_bindpw|secret|passwd|authkey|privkey|auth_pass)>(?:<!\[CDATA\[)?)([^<\]]+)/,
];

/** Shell and file errors of the FreeBSD host (tcsh for admin/root, sh for others). */
export const FREEBSD_ERRORS: RegExp[] = [/: No such file or directory\.?$/, /: Permission denied\.?$/, /^\S+: Command not found\.$/, SH_NOT_FOUND];
