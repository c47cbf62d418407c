/** Replaces secrets in configuration text by a marker, using the driver's secret patterns. */
import type { SecretPattern } from './drivers/driver.js';

export const REDACTION_MARKER = '<redacted>';

/** Replaces capture group 2 of every secret pattern by the marker, keeping group 1 and the rest of the line. */
export function redactSecrets(text: string, patterns: SecretPattern[]): string {
  let result = text;
  for (const pattern of patterns) {
    const global = pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    result = result.replace(global, (match: string, keep: string | undefined, secret: string | undefined) => {
      if (keep === undefined || secret === undefined || secret.length === 0) return match;
      // The secret is the text right after group 1; anything after the secret stays as it was.
      const start = match.indexOf(secret, keep.length);
      if (start === -1) return match;
      return `${match.slice(0, start)}${REDACTION_MARKER}${match.slice(start + secret.length)}`;
    });
  }
  return result;
}
