/** Validation of one device's fields, shared by `devices add` and the CSV import; problems are collected, not thrown. */
import { isIP } from 'node:net';
import { DEFAULT_TAG } from '../../config/default-tags.js';
import { AUTO_DRIVER, listDrivers } from '../../devices/drivers/registry.js';
import { sanitiseLine } from '../../sanitise.js';

export interface DeviceInput {
  hostname: string;
  ipAddress: string;
  port: number;
  deviceType: string;
  tags: string[];
}

/** The fields as typed (CLI flags or CSV cells), before validation. */
export interface RawDeviceFields {
  hostname: string;
  ip: string;
  port?: string;
  deviceType: string;
  tags?: string;
}

export const HOSTNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
/** Tags in one cell are separated by ';' (a tag can never contain it). */
export const TAG_SEPARATOR = ';';
const MAX_TAGS = 50;
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
// What spreadsheets evaluate: a cell starting with = + - @ (or a tab/CR before them).
const FORMULA = /^[=+\-@\t\r]/;

/**
 * A value quoted for an error message: shortened, controls escaped, and invisible or
 * bidirectional characters made visible (`<U+202E>`) by the terminal sanitiser.
 */
export function shown(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return sanitiseLine(JSON.stringify(short).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function hostile(field: string, value: string): string | undefined {
  if (CONTROL.test(value)) return `${field} ${shown(value)} contains control characters`;
  if (FORMULA.test(value)) return `${field} ${shown(value)} looks like a spreadsheet formula (starts with ${shown(value[0]!)}): not a ${field}`;
  return undefined;
}

function checkTags(text: string, problems: string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(TAG_SEPARATOR)) {
    const tag = part.trim();
    if (tag.length === 0) continue;
    const bad = hostile('tag', tag);
    if (bad !== undefined) problems.push(bad);
    else if (!TAG_PATTERN.test(tag)) {
      const hint = /[|,]/.test(tag) ? `; separate tags with "${TAG_SEPARATOR}"` : '';
      problems.push(`tag ${shown(tag)} is not valid (letters, digits and . _ : / -, starting with a letter or digit, at most 64)${hint}`);
    } else if (!seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  if (tags.length > MAX_TAGS) problems.push(`${tags.length} tags: at most ${MAX_TAGS} per device`);
  return tags;
}

/** Validates every field; returns the device when there is no problem, and every problem found. */
export function validateDeviceFields(raw: RawDeviceFields): { device?: DeviceInput; problems: string[] } {
  const problems: string[] = [];
  const hostname = raw.hostname.trim();
  const ip = raw.ip.trim();
  const portText = (raw.port ?? '').trim();
  const deviceType = raw.deviceType.trim();

  const checks: Array<[string, string, () => boolean, string]> = [
    ['hostname', hostname, () => HOSTNAME_PATTERN.test(hostname), 'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 253'],
    // PostgreSQL's inet has no IPv6 zone (fe80::1%eth0), so neither do we.
    ['ip', ip, () => isIP(ip) !== 0 && !ip.includes('%'), 'an IPv4 or IPv6 address such as 192.0.2.10 or 2001:db8::10 (no zone)'],
    ['port', portText, () => portText === '' || (/^\d{1,5}$/.test(portText) && Number(portText) >= 1 && Number(portText) <= 65535), 'a whole number from 1 to 65535 (empty means 22)'],
    // "auto": the first retrieval detects the platform and stores the driver it found.
    ['device_type', deviceType, () => deviceType === AUTO_DRIVER || listDrivers().includes(deviceType), `"${AUTO_DRIVER}" or one of ${listDrivers().join(', ')}`],
  ];
  for (const [field, value, ok, rule] of checks) {
    if (value === '' && field !== 'port') problems.push(`${field} is empty`);
    else problems.push(...[hostile(field, value) ?? (ok() ? undefined : `${field} ${shown(value)} is not valid: expected ${rule}`)].filter((p): p is string => p !== undefined));
  }
  const tags = checkTags(raw.tags ?? '', problems);
  if (problems.length > 0) return { problems };
  // A device without tags gets the default tag, so a credential tagged `default` reaches it.
  const tagged = tags.length > 0 ? tags : [DEFAULT_TAG];
  return { device: { hostname, ipAddress: ip, port: portText === '' ? 22 : Number(portText), deviceType, tags: tagged }, problems };
}
