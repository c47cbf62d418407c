import { describe, expect, it } from 'vitest';
import { logLineMatches } from '../../../src/console/job-log-actions.js';
import { parseJobFilter } from '../../../src/console/job-filter.js';

describe('jobs filter as typed', () => {
  it('words name statuses, kinds and aliases, with optional status: and kind: prefixes, ignoring case', () => {
    expect(parseJobFilter('')).toEqual({ filter: { statuses: [], kinds: [] } });
    expect(parseJobFilter('  Running  retrieval ')).toEqual({ filter: { statuses: ['running'], kinds: ['retrieval'] } });
    expect(parseJobFilter('status:failed kind:purge cancelled')).toEqual({ filter: { statuses: ['failed', 'cancelled'], kinds: ['purge'] } });
    expect(parseJobFilter('active rotation')).toEqual({ filter: { statuses: ['queued', 'running'], kinds: ['key_rotation'] } });
  });

  it('an unknown word, regex or SQL characters, or an object key is a problem naming the words that exist', () => {
    for (const text of ['runing', ".* '; DROP TABLE jobs; --", 'constructor', '__proto__', 'status:']) {
      const parsed = parseJobFilter(text);
      expect(parsed, text).toHaveProperty('problem');
      expect((parsed as { problem: string }).problem).toContain('queued running succeeded');
    }
    expect((parseJobFilter('x'.repeat(5_000)) as { problem: string }).problem.length).toBeLessThan(300);
  });
});

describe('log line filter in memory (live lines)', () => {
  it('matches what the SQL filter matches: levels from the minimum up, hostname containing the text literally', () => {
    const line = { level: 'warn' as const, hostname: 'Core-SW1' };
    expect(logLineMatches(line, {})).toBe(true);
    expect(logLineMatches(line, { minLevel: 'info' })).toBe(true);
    expect(logLineMatches(line, { minLevel: 'error' })).toBe(false);
    expect(logLineMatches(line, { device: 'core' })).toBe(true);
    expect(logLineMatches(line, { device: 'core.*' })).toBe(false);
    expect(logLineMatches({ level: 'info', hostname: null }, { device: 'core' })).toBe(false);
  });
});
