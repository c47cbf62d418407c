/**
 * What the switches built on Broadcom FASTPATH / EFOS share (Broadcom's own images, Netgear ProSAFE / M-series,
 * Dell PowerConnect): the "(name) #" prompt, the enable step, the error replies, the running-config header and its
 * secret forms. Sources: Broadcom FASTPATH CLI Command Reference (8.x), NETGEAR M4300/M4250 CLI Command Reference
 * Manual (12.x/13.x), Dell PowerConnect 6200/7000 Series CLI Reference Guide.
 */
import type { ConfigShape, Driver, EnableSteps, DetectionEvidence, FactPattern, SecretPattern } from './driver.js';

/**
 * "(Routing) >", "(M4300-52G) #", "(Routing) (Config)#", "(Routing) (Interface 0/1)#". The name in brackets is the
 * `set prompt` string: up to 64 printable characters, spaces allowed (FASTPATH CLI Command Reference, "set prompt";
 * NETGEAR CLI Command Reference, "set prompt": "The length of name may be up to 64 alphanumeric characters").
 */
export const FASTPATH_PROMPT = /^\([^()\r\n]{1,64}\) (?:\([^()\r\n]{1,48}\) ?)?[>#]$/;

/** "enable" answers "Password:" (an empty line when no enable password is set) and gives the '#' prompt. */
export const FASTPATH_ENABLE: EnableSteps = { command: 'enable', passwordPrompt: /^Password:$/, privilegedPrompt: /#$/ };

/** The parser's replies: "% Invalid input detected at '^' marker.", "Command not found / Incomplete command. Use ? to list commands." */
export const FASTPATH_ERRORS: RegExp[] = [
  /^% ?Invalid input detected/,
  /^% ?(?:Incomplete|Ambiguous|Unrecognized) command/,
  /^Command not found \/ Incomplete command/,
  /^Error! /,
];

/**
 * The running-config header: uptime and the SNTP clock change on every display (FASTPATH CLI Command Reference,
 * "show running-config": the header reports the system description, software version, up time and SNTP time).
 */
export const FASTPATH_VOLATILE: RegExp[] = [/^!System Up Time\s/, /^!Current SNTP Synchronized Time:/];

/** Every running configuration starts with this line, and only a configuration does. */
export const FASTPATH_SHAPE: ConfigShape = { marker: /^!Current Configuration:$/, description: '"!Current Configuration:" header line' };

/**
 * Passwords are shown as their stored hash or encrypted hex with the keyword "encrypted"; SNMP communities in
 * clear (CLI Command Reference: "username … password … encrypted", "enable password … encrypted",
 * "radius server key … encrypted", "tacacs-server key encrypted").
 */
export const FASTPATH_SECRETS: SecretPattern[] = [
  /^(username "?[^"\s]+"? (?:password|passwd) )(\S+)/m,
  /^(enable (?:password|passwd) )(\S+)/m,
  /^(\s*(?:radius server key (?:auth|acct) \S+|radius-server key|tacacs-server key|key) (?:encrypted )?)("[^"]*"|\S+)/m,
  // The community name is the secret wherever it appears: its own line, its access lines, trap hosts.
  /^(snmp-server community )(?!(?:ro|rw|su|ipaddr|ipmask) )("[^"]+"|\S+)/m,
  /^(snmp-server community (?:ro|rw|su) )("[^"]+"|\S+)/m,
  /^(snmp-server community (?:ipaddr|ipmask) \S+ )("[^"]+"|\S+)/m,
  /^(snmp-server community-group )("[^"]+"|\S+)/m,
  /^(snmp-server host \S+ (?:traps|informs) version \S+ )("[^"]+"|\S+)/m,
  /^(snmp-server user \S+ \S+ auth-(?:md5|sha|sha256|sha512)(?:-key)? )(\S+)/m,
  /^(\s*ip ospf authentication (?:simple|encrypt md5 \d+) (?:encrypted )?)(\S+)/m,
];

/** "show version" names model, software version and serial in dotted-leader rows ("Machine Model.... M4300-52G"). */
export const FASTPATH_FACTS: FactPattern[] = [
  { fact: 'model', command: 'show version', pattern: /^Machine Model\.+ (\S+)/m },
  { fact: 'osVersion', command: 'show version', pattern: /^Software Version\.+ (\S+)/m },
  { fact: 'serial', command: 'show version', pattern: /^Serial Number\.+ (\S+)/m },
];

/** The family's bracketed prompt (AireOS draws it too): only a hint, so that "show version" becomes the probe. */
export const FASTPATH_FAMILY_PROMPT: DetectionEvidence = { pattern: /^\([^()]+\) (?:\([^()]+\) ?)?[>#]$/, weight: 2 };

/** The session fields every FASTPATH-based driver shares: prompt, enable, paging off, errors, content rules, exit. */
export const FASTPATH_SESSION = {
  mode: 'shell',
  promptPattern: FASTPATH_PROMPT,
  // Privileged EXEC is where "show running-config" is allowed.
  enable: FASTPATH_ENABLE,
  // Session only (CLI Command Reference, "terminal length": 0 turns paging off); older images have no such
  // command and page with "--More-- or (q)uit", a common pager form.
  setupCommands: ['terminal length 0'],
  errorPatterns: FASTPATH_ERRORS,
  volatileLines: FASTPATH_VOLATILE,
  secretPatterns: FASTPATH_SECRETS,
  facts: FASTPATH_FACTS,
  commentPrefix: '! ',
  exitCommand: 'logout',
  configShape: FASTPATH_SHAPE,
  // The CLI is the login shell; no system shell is reachable.
  shellErrors: [],
} satisfies Partial<Driver>;
