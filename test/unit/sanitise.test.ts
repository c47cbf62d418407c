import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src/cli/commands/jobs.command.js';
import { sanitise, sanitiseLine } from '../../src/sanitise.js';

describe('sanitise: device and database text on its way to a terminal', () => {
  it('keeps plain text, tabs, newlines and ordinary Unicode unchanged', () => {
    const plain = 'interface Gi1/0/1\n\tdescription uplink #1 — ünïcode 日本 🙂\n';
    expect(sanitise(plain)).toBe(plain);
  });

  it('removes CSI, OSC (BEL, ST and cut off), DCS, 8-bit CSI, NUL and other controls', () => {
    const hostile = '\x1b[2J\x1b[1;31mred\x1b[0m \x1b]0;title\x07\x1b]52;c;Y29weQ==\x1b\\x\x1bP1$r\x1b\\\x9b31m\x00\x07\x08\r\x7fend';
    expect(sanitise(hostile)).toBe('red xend');
    expect(sanitise('cut \x1b]52;c;Y29weQ==')).toBe('cut ');
    expect(sanitise('cursor\x1b[10;1Hmove\x1b7\x1b8 \x1b(B')).toBe('cursormove ');
  });

  it('makes bidirectional overrides, isolates, marks and zero-width characters visible', () => {
    expect(sanitise('admin\u202Eexe.txt')).toBe('admin<U+202E>exe.txt');
    expect(sanitise('\u2066a\u2067b\u2068c\u2069')).toBe('<U+2066>a<U+2067>b<U+2068>c<U+2069>');
    expect(sanitise('zero\u200Bwidth\u200C\u200D\u200E\u200F\uFEFF\u2060')).toBe('zero<U+200B>width<U+200C><U+200D><U+200E><U+200F><U+FEFF><U+2060>');
    expect(sanitise('line\u2028sep')).toBe('line<U+2028>sep');
    expect(sanitise('tag\u{E0041}')).toBe('tag<U+E0041>');
  });

  it('sanitiseLine keeps the words on one line', () => {
    expect(sanitiseLine('\x1b[31mred\x1b[0m text')).toBe('red text');
    expect(sanitiseLine('title\x1b]0;pwned\x07 after')).toBe('title after');
    expect(sanitiseLine('bell\x07 back\x08space del\x7f c1\x9b')).toBe('bell backspace del c1');
    expect(sanitiseLine('two\r\nlines\tand tab')).toBe('two lines and tab');
    expect(sanitiseLine('Gi1/0/24 10.0.0.1 ünïcode')).toBe('Gi1/0/24 10.0.0.1 ünïcode');
  });

  it('formats a job log line with time, level and device', () => {
    const line = { id: '1', jobId: 'j', deviceId: 'd', hostname: 'core-1\x1b[2J', level: 'warn' as const, message: 'slow\x1b[1A prompt', data: {}, createdAt: new Date('2026-11-28T02:00:00Z') };
    expect(formatLogLine(line)).toBe('2026-11-28T02:00:00.000Z warn  core-1 slow prompt\n');
    expect(formatLogLine({ ...line, hostname: 'core-2', message: 'core-2: done in 0.2 s' })).toBe('2026-11-28T02:00:00.000Z warn  core-2 done in 0.2 s\n');
  });
});
