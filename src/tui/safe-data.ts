/**
 * Data on its way from the console services to the screens passes through here once (in
 * useServiceQuery), so no screen can forget it: every string in it is made terminal-safe by
 * the one sanitiser (escape sequences and controls out, bidi and zero-width characters made
 * visible; tabs and newlines kept for texts, components collapse them in one-line fields).
 */
import { sanitise } from '../sanitise.js';

/** A value after {@link sanitiseDeep}: the same shape. */
export type Safe<T> = T;

/** Sanitises every string in plain objects and arrays, keeping dates, numbers and everything else. */
export function sanitiseDeep<T>(value: T): Safe<T> {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return sanitise(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item);
    return out;
  }
  return value;
}
