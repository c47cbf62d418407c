import { NetRavenError } from '../errors.js';

// Format characters (bidi overrides, zero-width) are refused with the control characters:
// they make a name print as something it is not.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
export const NAME_MAX = 100;
export const USERNAME_MAX = 200;
export const SECRET_MAX_BYTES = 1024;
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 10_000;
export const DEFAULT_PRIORITY = 100;

/** A user-supplied text for a one-line message: JSON-quoted, every unprintable character escaped, shortened. */
export function quote(text: string, max = 60): string {
  const json = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return json.replace(new RegExp(UNPRINTABLE.source, 'gu'), (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function plainText(what: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw new NetRavenError('INPUT_INVALID', `${what} must be text`);
  const text = value.trim();
  if (text.length === 0) throw new NetRavenError('INPUT_INVALID', `${what} must not be empty`);
  if (UNPRINTABLE.test(text)) throw new NetRavenError('INPUT_INVALID', `${what} ${quote(text)} contains control or invisible characters: use printable characters only`);
  if ([...text].length > max) throw new NetRavenError('INPUT_INVALID', `${what} ${quote(text)} is longer than ${max} characters`);
  return text;
}

/** A credential name: trimmed, printable, at most NAME_MAX characters. */
export function validName(name: unknown): string {
  return plainText('credential name', name, NAME_MAX);
}

/** A login username: trimmed, printable, at most USERNAME_MAX characters. */
export function validUsername(username: unknown, credentialName: string): string {
  return plainText(`username of credential ${quote(credentialName)}`, username, USERNAME_MAX);
}

/** A tag name as the tags table accepts it. */
export function validTag(tag: unknown): string {
  if (typeof tag !== 'string' || !TAG_PATTERN.test(tag)) {
    const shown = typeof tag === 'string' ? quote(tag) : 'this value';
    throw new NetRavenError('INPUT_INVALID', `tag ${shown} is not valid: 1-64 letters, digits or . _ : / -, starting with a letter or digit`);
  }
  return tag;
}

/** Tags without duplicates (tag names are case-insensitive). */
export function validTags(tags: readonly unknown[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags.map(validTag)) if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  return [...seen.values()];
}

/** A priority: lower numbers are tried first. */
export function validPriority(priority: unknown): number {
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < PRIORITY_MIN || priority > PRIORITY_MAX) {
    throw new NetRavenError('INPUT_INVALID', `priority must be a whole number from ${PRIORITY_MIN} (tried first) to ${PRIORITY_MAX}`);
  }
  return priority;
}

/**
 * A secret as typed: never trimmed (spaces may be part of it) and never quoted in a
 * message; line breaks and NUL are refused because devices cannot receive them in a login.
 */
export function validSecret(secret: unknown, credentialName: string, field: 'secret' | 'enable secret' = 'secret'): string {
  const who = `the ${field} of credential ${quote(credentialName)}`;
  if (typeof secret !== 'string' || secret.length === 0) throw new NetRavenError('SECRET_EMPTY', `${who} is empty: enter a non-empty secret`);
  if (/[\r\n\0]/.test(secret)) throw new NetRavenError('INPUT_INVALID', `${who} contains a line break or NUL character, which a device login cannot take`);
  if (Buffer.byteLength(secret, 'utf8') > SECRET_MAX_BYTES) throw new NetRavenError('INPUT_INVALID', `${who} is longer than ${SECRET_MAX_BYTES} bytes`);
  return secret;
}
