/** SSH algorithm lists: ssh2's modern defaults first, legacy ones appended so old devices still connect. */
import type { Algorithms } from 'ssh2';
import { NetRavenError } from '../errors.js';
import type { AlgorithmLists } from './drivers/driver.js';

/** Per-device override: each list given replaces the driver/default list for that category. */
export type AlgorithmOverrides = AlgorithmLists;

// Appended after ssh2's defaults, so a modern device still negotiates modern algorithms.
export const LEGACY_ALGORITHMS: Required<AlgorithmLists> = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
  hmac: ['hmac-sha1', 'hmac-md5'],
};

const CATEGORIES = ['kex', 'cipher', 'serverHostKey', 'hmac'] as const;

/** Builds ssh2's `algorithms` option: device override, else driver list, else defaults + legacy appended. */
export function buildAlgorithms(driverLists: AlgorithmLists | undefined, overrides: AlgorithmOverrides | undefined): Algorithms {
  const result: Algorithms = {};
  for (const category of CATEGORIES) {
    const exact = overrides?.[category] ?? driverLists?.[category];
    if (exact !== undefined) {
      if (!Array.isArray(exact) || exact.length === 0 || exact.some((name) => typeof name !== 'string' || name.length === 0)) {
        throw new NetRavenError('INPUT_INVALID', `SSH ${category} algorithm list must be a non-empty list of names`, {
          details: { category },
        });
      }
      result[category] = exact as never;
    } else {
      result[category] = { append: LEGACY_ALGORITHMS[category] } as never;
    }
  }
  return result;
}
