/** Replaces secrets in one configuration line by a marker, using the driver's secret patterns. */

export const REDACTION_MARKER = '<redacted>';

/**
 * Replaces capture group 2 of every match of each (global) secret pattern by the marker, keeping
 * group 1 and the rest of the line. Multi-line secrets are block rules, not patterns.
 */
export function redactLine(line: string, globalPatterns: RegExp[]): string {
  let result = line;
  for (const pattern of globalPatterns) {
    result = result.replace(pattern, (match: string, keep: string | undefined, secret: string | undefined) => {
      if (keep === undefined || secret === undefined || secret.length === 0) return match;
      // The secret is the text right after group 1; anything after the secret stays as it was.
      const start = match.indexOf(secret, keep.length);
      if (start === -1) return match;
      return `${match.slice(0, start)}${REDACTION_MARKER}${match.slice(start + secret.length)}`;
    });
  }
  return result;
}
