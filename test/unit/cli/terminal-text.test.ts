import { describe, expect, it } from 'vitest';
import { colourDiff, paint } from '../../../src/cli/terminal-text.js';

describe('paint', () => {
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
