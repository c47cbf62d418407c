import { NetRavenError } from '../../src/errors.js';

/** Runs fn and returns the NetRavenError it throws; fails the test if it throws nothing or something else. */
export function refused(fn: () => unknown): NetRavenError {
  try {
    fn();
  } catch (err) {
    if (err instanceof NetRavenError) return err;
    throw err;
  }
  throw new Error('expected a NetRavenError');
}
