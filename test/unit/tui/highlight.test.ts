import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../../src/tui/components/highlighted-line.js';
import { hardWrap, stringWidth } from '../../../src/tui/format.js';

const joined = (segments: Array<{ text: string }>) => segments.map((s) => s.text).join('');
const matched = (segments: Array<{ text: string; match: boolean }>) => segments.filter((s) => s.match).map((s) => s.text);

describe('highlighted search lines', () => {
  it('marks every occurrence, ignoring case, the search text taken literally', () => {
    const segments = highlightSegments('snmp-server community Public RO public', 'PUBLIC', 80);
    expect(joined(segments)).toBe('snmp-server community Public RO public');
    expect(matched(segments)).toEqual(['Public', 'public']);
    expect(matched(highlightSegments('a.b axb (a.b)', 'a.b', 80))).toEqual(['a.b', 'a.b']);
    expect(matched(highlightSegments("x '; DROP %_ x", "'; DROP %_", 80))).toEqual(["'; DROP %_"]);
  });

  it('a match beyond the width is scrolled into view; the line is cut to the width with …', () => {
    const line = `${'x'.repeat(100)} ip address 10.1.2.3 ${'y'.repeat(50)}`;
    const segments = highlightSegments(line, '10.1.2.3', 40);
    expect(matched(segments)).toEqual(['10.1.2.3']);
    expect(joined(segments).startsWith('…')).toBe(true);
    expect(joined(segments).endsWith('…')).toBe(true);
    expect(stringWidth(joined(segments))).toBeLessThanOrEqual(40);
  });

  it('hostile text is sanitised before matching: escapes gone, bidi made visible', () => {
    const segments = highlightSegments('\x1b]52;c;ZXZpbA==\x07evil\x1b[2J\u202Etxt', 'evil', 80);
    expect(joined(segments)).toBe('evil<U+202E>txt');
    expect(matched(segments)).toEqual(['evil']);
  });

  it('hardWrap cuts rows at the width, wide characters counting twice', () => {
    expect(hardWrap('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(hardWrap('ab界cd', 3)).toEqual(['ab', '界c', 'd']);
    expect(hardWrap('', 3)).toEqual(['']);
  });
});
