/**
 * The largest free-text inputs NetRaven accepts, in one table (documented in README.md "Input
 * limits"). Each is checked where the input enters a service, so the CLI and the console refuse
 * the same things with one line, INPUT_INVALID, before the database sees them: PostgreSQL would
 * otherwise fail on them deep inside a query (a 30,000-word search is `stack depth limit
 * exceeded`), or store them.
 */
import { NetRavenError } from '../errors.js';

export const INPUT_LIMITS = {
  /**
   * `search TEXT`. PostgreSQL nests one tsquery level per word, so 30,000 words overflow its
   * stack; 1,000 characters are at most 500 words, which it handles easily.
   */
  searchText: 1_000,
  /** A tag name, also as a filter (`--tag`): longer cannot name a tag. */
  tag: 64,
  /** A device hostname, also as a filter (`--device`, `configs show H`): the DNS limit. */
  hostname: 253,
  /** A cron expression (`schedules add --cron`, schedule settings). */
  cron: 200,
  /** A setting's value as typed (`settings set KEY VALUE`). */
  settingValue: 1_000,
  /** `devices add --ssh-options` JSON, in characters. */
  sshOptions: 16_384,
  /** One CSV field of `devices import` (a tags cell of 50 tags fits). */
  csvField: 4_096,
  /** A description (devices, tags), also enforced by the database. */
  description: 1_000,
  /** Any other argument or option of the CLI (ids, cursors, fingerprints…). */
  argument: 1_024,
} as const;

export type InputLimit = keyof typeof INPUT_LIMITS;

/**
 * Refuses text longer than its limit with one line naming the input, its length and the limit
 * (never the text: it may be huge, hostile or a secret). Lengths are in characters (code points).
 * Throws INPUT_INVALID.
 */
export function assertWithinLimit(what: string, text: string, limit: InputLimit): string {
  const max = INPUT_LIMITS[limit];
  // A quick test first: .length (UTF-16 units) is never below the number of code points.
  if (text.length > max && [...text].length > max) {
    throw new NetRavenError('INPUT_INVALID', `${what} is ${[...text].length} characters long; at most ${max} are accepted (README "Input limits")`, { details: { limit } });
  }
  return text;
}
