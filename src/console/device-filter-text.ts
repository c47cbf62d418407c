/**
 * The devices screen's `/` filter as the operator types it: `core 10.1. 10.2.0.0/16 tag:dc1
 * type:cisco_ios status:failed`. Words without a key are hostname or address prefixes; a word
 * with a `/` is a network. No Ink here: the screen parses as the operator types (to say at once
 * what is wrong) and the services take the parsed filter.
 */
import { isIP } from 'node:net';
import { FILTER_STATUSES, NO_FILTER, type DeviceFilter, type FilterStatus } from '../db/queries/device-filter.js';

export type ParsedFilter = { filter: DeviceFilter; problem: null } | { filter: null; problem: string };

const KEYS = ['tag', 'type', 'status'] as const;
/** Words the filter may hold, and the longest word: more is a paste gone wrong, not a filter. */
const MAX_WORDS = 32;
const MAX_WORD = 253;

function network(word: string): string | null {
  const [address, bits, extra] = word.split('/');
  if (extra !== undefined || address === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return null;
  const family = isIP(address);
  const max = family === 4 ? 32 : family === 6 ? 128 : -1;
  return max >= 0 && Number(bits) <= max ? word : null;
}

/** Parses the filter text; `problem` says what is wrong in one line (an unknown key, a bad status or network). */
export function parseDeviceFilter(text: string): ParsedFilter {
  const filter: DeviceFilter = { prefixes: [], networks: [], tags: [], types: [], statuses: [] };
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length > MAX_WORDS) return { filter: null, problem: `at most ${MAX_WORDS} words` };
  for (const word of words) {
    if (word.length > MAX_WORD) return { filter: null, problem: `a word of at most ${MAX_WORD} characters` };
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    const value = word.slice(colon + 1);
    if ((KEYS as readonly string[]).includes(key)) {
      if (value === '') return { filter: null, problem: `${key}: needs a value, e.g. ${key === 'status' ? 'status:failed' : `${key}:core`}` };
      if (key === 'tag') filter.tags.push(value);
      else if (key === 'type') filter.types.push(value.toLowerCase());
      else if ((FILTER_STATUSES as readonly string[]).includes(value.toLowerCase())) filter.statuses.push(value.toLowerCase() as FilterStatus);
      else return { filter: null, problem: `status:${value} is not one of ${FILTER_STATUSES.join(', ')}` };
    } else if (word.includes('/')) {
      const net = network(word);
      if (net === null) return { filter: null, problem: `${word} is not a network such as 10.1.0.0/16` };
      filter.networks.push(net);
    } else if (colon > 0 && isIP(word) === 0 && !/^[0-9a-f:]+$/i.test(word)) {
      // Hostnames hold no colon; an address prefix ("2001:db8:") may.
      return { filter: null, problem: `${word.slice(0, colon)}: is not a filter key (tag:, type:, status:)` };
    } else {
      filter.prefixes.push(word);
    }
  }
  return { filter, problem: null };
}

/** The filter as one line again (for a job's description): keys and words in a fixed order. */
export function describeDeviceFilter(filter: DeviceFilter): string {
  const words = [...filter.prefixes, ...filter.networks, ...filter.tags.map((t) => `tag:${t}`), ...filter.types.map((t) => `type:${t}`), ...filter.statuses.map((s) => `status:${s}`)];
  return words.length === 0 ? 'every device' : words.join(' ');
}

export { NO_FILTER, type DeviceFilter };
