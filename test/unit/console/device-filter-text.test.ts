import { describe, expect, it } from 'vitest';
import { describeDeviceFilter, parseDeviceFilter } from '../../../src/console/device-filter-text.js';
import { escapeLike } from '../../../src/db/queries/device-filter.js';

describe('the devices filter as typed', () => {
  it('sorts words into prefixes, networks, tags, types and statuses', () => {
    expect(parseDeviceFilter('  core 10.1. 2001:db8: 10.2.0.0/16 2001:db8::/32 tag:DC1 type:Cisco_IOS status:Failed status:stale ')).toEqual({
      problem: null,
      filter: { prefixes: ['core', '10.1.', '2001:db8:'], networks: ['10.2.0.0/16', '2001:db8::/32'], tags: ['DC1'], types: ['cisco_ios'], statuses: ['failed', 'stale'] },
    });
    expect(parseDeviceFilter('')).toEqual({ problem: null, filter: { prefixes: [], networks: [], tags: [], types: [], statuses: [] } });
    expect(parseDeviceFilter('::1')).toMatchObject({ filter: { prefixes: ['::1'] } });
  });

  it('says in one line what is wrong: an unknown key, a bad status, a bad network, an empty value', () => {
    expect(parseDeviceFilter('vendor:cisco').problem).toBe('vendor: is not a filter key (tag:, type:, status:)');
    expect(parseDeviceFilter('status:broken').problem).toBe('status:broken is not one of failed, ok, never, stale');
    expect(parseDeviceFilter('10.1.0.0/33').problem).toBe('10.1.0.0/33 is not a network such as 10.1.0.0/16');
    expect(parseDeviceFilter('core/1').problem).toBe('core/1 is not a network such as 10.1.0.0/16');
    expect(parseDeviceFilter('tag:').problem).toBe('tag: needs a value, e.g. tag:core');
    expect(parseDeviceFilter('x '.repeat(40)).problem).toBe('at most 32 words');
    expect(parseDeviceFilter('a'.repeat(300)).problem).toBe('a word of at most 253 characters');
  });

  it('keeps regex and SQL characters as literal text (they are bound and LIKE-escaped, never spliced)', () => {
    const parsed = parseDeviceFilter(".* %_ '; \\");
    expect(parsed.filter?.prefixes).toEqual(['.*', '%_', "';", '\\']);
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('describes a filter in a fixed order', () => {
    expect(describeDeviceFilter(parseDeviceFilter('status:ok tag:a core').filter!)).toBe('core tag:a status:ok');
    expect(describeDeviceFilter(parseDeviceFilter('').filter!)).toBe('every device');
  });
});
