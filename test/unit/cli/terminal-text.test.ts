import { describe, expect, it } from 'vitest';
import { forTerminal, paint } from '../../../src/cli/terminal-text.js';

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
