import { describe, expect, it } from 'vitest';
import { colourDiff, forTerminal, paint } from '../../../src/cli/terminal-text.js';

describe('forTerminal', () => {
  it('keeps plain text, tabs and newlines', () => {
    expect(forTerminal('interface Gi1/0/1\n\tdescription uplink #1\n')).toBe('interface Gi1/0/1\n\tdescription uplink #1\n');
  });

  it('removes CSI, OSC (BEL and ST terminated), DCS, 8-bit CSI, NUL and other controls', () => {
    const hostile = '\x1b[2J\x1b[1;31mred\x1b[0m \x1b]0;title\x07\x1b]52;c;Y29weQ==\x1b\\x\x1bP1$r\x1b\\\x9b31m\x00\x07\x08\r\x7fend';
    expect(forTerminal(hostile)).toBe('red xend');
  });

  it('paint wraps only when asked', () => {
    expect(paint(false, 'red', 'x')).toBe('x');
    expect(paint(true, 'red', 'x')).toBe('\x1b[31mx\x1b[0m');
  });
});

describe('colourDiff', () => {
  it('colours headers, hunks, additions and removals; context lines stay plain', () => {
    const diff = '--- a@1\n+++ a@2\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n';
    expect(colourDiff(diff).split('\n')).toEqual([
      '\x1b[1m--- a@1\x1b[0m',
      '\x1b[1m+++ a@2\x1b[0m',
      '\x1b[36m@@ -1,2 +1,2 @@\x1b[0m',
      ' same',
      '\x1b[31m-old\x1b[0m',
      '\x1b[32m+new\x1b[0m',
      '',
    ]);
  });
});
