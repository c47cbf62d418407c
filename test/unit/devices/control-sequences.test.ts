import { describe, expect, it } from 'vitest';
import { emulateLine, normaliseLines, stripControlSequences, toPlainText } from '../../../src/devices/control-sequences.js';

describe('stripControlSequences', () => {
  it('removes CSI colour and cursor sequences', () => {
    expect(stripControlSequences('\x1b[1;31mred\x1b[0m \x1b[24;1Hnext\x1b[?25l')).toBe('red next');
  });
  it('removes OSC titles terminated by BEL or ST', () => {
    expect(stripControlSequences('\x1b]0;title\x07a\x1b]2;other\x1b\\b')).toBe('ab');
  });
  it('removes an unterminated OSC and an unterminated CSI at the end', () => {
    expect(stripControlSequences('keep\x1b]0;never ends')).toBe('keep');
    expect(stripControlSequences('keep\x1b[1;3')).toBe('keep');
  });
  it('removes NUL, BEL, DEL, 8-bit CSI, charset designations and lone ESC', () => {
    expect(stripControlSequences('a\x00b\x07c\x7fd\x9b1me\x1b(Bf\x1b=g\x1b')).toBe('abcdefg');
  });
  it('keeps tabs, newlines, carriage returns and backspaces for line emulation', () => {
    expect(stripControlSequences('a\tb\nc\rd\be')).toBe('a\tb\nc\rd\be');
  });
  it('returns plain text unchanged (fast path)', () => {
    const text = 'interface Gi1/0/1\n description ok\n';
    expect(stripControlSequences(text)).toBe(text);
  });
});

describe('emulateLine', () => {
  it('applies backspaces like a terminal (cursor left, then overwrite)', () => {
    expect(emulateLine('abc\b\bX')).toBe('aXc');
  });
  it('erases a pager prompt written over with backspaces and spaces', () => {
    expect(emulateLine(' --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\binterface Gi1/0/3')).toBe('interface Gi1/0/3');
  });
  it('treats a carriage return as a return to column 0', () => {
    expect(emulateLine('---(more)---\r            \rnext').trimEnd()).toBe('next');
  });
  it('never moves left of column 0', () => {
    expect(emulateLine('\b\b\bab')).toBe('ab');
  });
});

describe('toPlainText', () => {
  it('normalises CRLF, CR CR LF and strips trailing spaces', () => {
    expect(toPlainText('a  \r\nb\r\r\nc\t\n')).toBe('a\nb\nc\n');
  });
  it('honours erase-line sequences used by pagers', () => {
    expect(toPlainText('-- MORE --, next page: Space\x1b[2K\rvlan 10\nabc\x1b[1D\x1b[Kd')).toBe('vlan 10\nabd');
  });
  it('moves the cursor left on ESC[nD like a terminal (Comware and VRP erase "---- More ----" with it)', () => {
    const erase = `\x1b[42D${' '.repeat(42)}\x1b[42D`;
    expect(toPlainText(`  ---- More ----${erase} vlan 10\nab\x1b[Dc`)).toBe(' vlan 10\nac');
    expect(toPlainText(`${erase}#\n interface Vlan-interface10`)).toBe('#\n interface Vlan-interface10');
  });
  it('keeps U+FFFD from invalid UTF-8 and other printable unicode', () => {
    const decoded = Buffer.from([0x61, 0xff, 0xfe, 0x62, 0xe2, 0x94, 0x8c]).toString('utf8');
    expect(toPlainText(decoded)).toBe('a\ufffd\ufffdb┌');
  });
  it('survives binary garbage without throwing and leaves no control bytes', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const plain = toPlainText(garbage);
    expect(plain).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\x1b]/);
  });
  it('handles a 200 KB single line with escapes and backspaces', () => {
    const line = 'x'.repeat(100_000) + '\x1b[31m' + 'y'.repeat(100_000) + '\b' + 'Z';
    const plain = toPlainText(line);
    expect(plain.length).toBe(200_000);
    expect(plain.endsWith('yZ')).toBe(true);
  });
  it('normaliseLines leaves text without CR/BS untouched', () => {
    expect(normaliseLines('a\nb')).toBe('a\nb');
  });
});
