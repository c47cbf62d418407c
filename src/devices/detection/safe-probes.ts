/**
 * The read-only commands `auto` detection may send to a device it does not know yet. A probe reaches
 * whatever platform answers, so only commands that display state are allowed, with no pipe, redirection,
 * command separator or quoting that could turn a display into an action on any platform.
 */

// Display verbs of the CLIs NetRaven knows: "show …" (Cisco style, Junos, PAN-OS, VyOS…), "display …"
// (Huawei VRP, Comware), "get …" (FortiOS), "/… print" (RouterOS), tmsh's "show" from a bash prompt
// (F5); on Unix-like systems only uname and reading a file below /etc. Words are letters, digits and - _ . / : only.
const SAFE_PROBES: RegExp[] = [
  /^(?:show|display) [a-z0-9][\w\-./:]*(?: [\w\-./:]+){0,4}$/i,
  /^get system status$/,
  /^uname(?: -[a-z]{1,4})?$/,
  /^cat \/etc\/[\w\-./]+$/,
  /^\/[a-z]+(?: [a-z-]+)? print(?: without-paging)?$/,
  /^tmsh(?: -q)? show [a-z0-9][\w\-./:]*(?: [\w\-./:]+){0,4}$/,
];

/** True when `command` may be sent as a detection probe (read-only by form); '..' is never allowed. */
export function isSafeProbe(command: string): boolean {
  return !command.includes('..') && SAFE_PROBES.some((rule) => rule.test(command));
}
