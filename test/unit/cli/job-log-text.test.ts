import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../src/cli/commands/jobs.command.js';
import { terminalSafe } from '../../../src/cli/job-log-text.js';

describe('text from job logs on a terminal', () => {
  it('removes escape sequences and control characters, keeps the words on one line', () => {
    expect(terminalSafe('\x1b[31mred\x1b[0m text')).toBe('red text');
    expect(terminalSafe('title\x1b]0;pwned\x07 after')).toBe('title after');
    expect(terminalSafe('bell\x07 back\x08space del\x7f c1\x9b')).toBe('bell backspace del c1');
    expect(terminalSafe('two\r\nlines\tand tab')).toBe('two lines and tab');
    expect(terminalSafe('Gi1/0/24 10.0.0.1 ünïcode')).toBe('Gi1/0/24 10.0.0.1 ünïcode');
  });

  it('formats a line with time, level and device', () => {
    const line = { id: '1', jobId: 'j', deviceId: 'd', hostname: 'core-1\x1b[2J', level: 'warn' as const, message: 'slow\x1b[1A prompt', data: {}, createdAt: new Date('2026-11-28T02:00:00Z') };
    expect(formatLogLine(line)).toBe('2026-11-28T02:00:00.000Z warn  core-1 slow prompt\n');
    expect(formatLogLine({ ...line, hostname: 'core-2', message: 'core-2: done in 0.2 s' })).toBe('2026-11-28T02:00:00.000Z warn  core-2 done in 0.2 s\n');
  });
});
