/** Patterns shared by the Cisco-style CLIs (IOS, IOS-XE, NX-OS, IOS-XR, EOS): same prompt shape, same secrets. */
import type { EnableSteps, LoginStop, SecretPattern } from './driver.js';

/**
 * "core-sw1>" / "core-sw1#", with any number of context suffixes ("(config-if)", "(maint-mode)", "(s1)") and the
 * prefixes/suffixes of the family ("RP/0/RSP0/CPU0:xr1#", ASA "fw1/admin/pri/act#"). Hostname rule: Cisco IOS
 * Configuration Fundamentals Command Reference, `hostname` — up to 63 characters, letters, digits and hyphens
 * (dots and underscores are accepted by the parser too); '~' and '+' are admitted for names a CLI shortens.
 */
export const CISCO_PROMPT = /^[\w.\-~+@/:]{1,80}(?:\([\w.\-~+/:]{1,48}\))*[>#]$/;

/** Expired-password dialogues of the family (AAA password aging): never answered, the login stops. */
export const CISCO_LOGIN_STOPS: LoginStop[] = [
  {
    pattern: /^(?:Enter )?(?:a )?new password:?$|password (?:has )?expired/i,
    code: 'PASSWORD_EXPIRED',
    action: 'log in once by hand and set a new password, then update the credential in NetRaven',
  },
];

/** Standard "enable" dialogue with a "Password:" question and a '#' privileged prompt. */
export const CISCO_ENABLE: EnableSteps = {
  command: 'enable',
  passwordPrompt: /^[Pp]assword:$/,
  privilegedPrompt: /#$/,
};

/** "% Invalid input detected at '^' marker." and its siblings. */
export const CISCO_ERRORS: RegExp[] = [
  /^% ?Invalid (?:input|command)/,
  /^% ?Unknown command/,
  /^% ?Incomplete command/,
  /^% ?Ambiguous command/,
  /^% ?(?:Authorization|Permission) denied/,
  /^Command authorization failed/,
];

/** Group 1 is kept, group 2 (the secret) is replaced. */
export const CISCO_SECRETS: SecretPattern[] = [
  /^(enable (?:secret|password)(?: level \d+)?(?: \d+)? )(\S+)/m,
  /^(username \S+ (?:.*? )?(?:secret|password) (?:(?:\d+|sha512|md5) )?)(\S+)/m,
  /^(snmp-server community )(\S+)/m,
  /^(snmp-server user \S+ \S+ (?:v3 )?auth \S+ )(\S+)/m,
  /^(\s*(?:tacacs-server|radius-server)(?: host \S+)? key (?:\d+ )?)(\S+)/m,
  /^(\s*key [07] )(\S+)$/m,
  /^(\s*key-string (?:\d+ )?)(\S+)/m,
  /^(crypto isakmp key (?:\d+ )?)(\S+)/m,
  /^(\s*pre-shared-key (?:(?:local|remote) )?(?:\d+ )?)(\S+)/m,
  // IOS-XR writes "password encrypted 0822…": the keyword is not the secret.
  /^(\s*(?:password|secret) (?:\d+ )?(?:encrypted |clear )?)(\S+)/m,
  /^(\s*message-digest-key \d+ md5 (?:encrypted |clear )?)(\S+)/m,
  /^(\s*ip ospf (?:authentication-key|message-digest-key \d+ md5) (?:\d+ )?)(\S+)/m,
  /^(\s*neighbor \S+ password (?:\d+ )?)(\S+)/m,
  /^(\s*standby \d+ authentication (?:md5 key-string )?(?:\d+ )?)(\S+)/m,
];
