import { describe, expect, it } from 'vitest';
import { NetRavenError, isNetRavenError } from '../../src/errors.js';

describe('NetRavenError', () => {
  it('carries a code, a message and an exit code by family', () => {
    const err = new NetRavenError('SETTINGS_INVALID', 'retrieval.concurrency must be between 1 and 1000');
    expect(err.code).toBe('SETTINGS_INVALID');
    expect(err.exitCode).toBe(65);
    expect(isNetRavenError(err, 'SETTINGS_INVALID')).toBe(true);
    expect(isNetRavenError(err, 'TIMEOUT')).toBe(false);
    expect(isNetRavenError(new Error('x'))).toBe(false);
  });
});
