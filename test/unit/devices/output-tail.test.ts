import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../../src/devices/output-tail.js';

describe('OutputTail', () => {
  it('exposes the last line without control sequences or trailing blanks', () => {
    const tail = new OutputTail();
    tail.push('line one\r\n\x1b[1mcore-sw1#\x1b[0m ');
    expect(tail.lastLine()).toBe('core-sw1#');
  });

  it('joins chunks split in the middle of the prompt', () => {
    const tail = new OutputTail();
    tail.push('end\r\ncore-');
    expect(tail.lastLine()).toBe('core-');
    tail.push('sw1#');
    expect(tail.lastLine()).toBe('core-sw1#');
  });

  it('sees a prompt-like config line only while it is the last line', () => {
    const tail = new OutputTail();
    tail.push(' description uplink to router#');
    expect(tail.lastLine()).toBe(' description uplink to router#');
    tail.push('\r\n switchport mode trunk\r\n');
    expect(tail.lastLine()).toBe('');
  });

  it('returns everything collected, once, in order', () => {
    const tail = new OutputTail();
    tail.push('a');
    tail.push('b\n');
    tail.push('c');
    expect(tail.length).toBe(4);
    expect(tail.take()).toBe('ab\nc');
    expect(tail.take()).toBe('');
    expect(tail.lastLine()).toBe('');
  });

  it('only looks at a bounded window: a 5 MB output keeps a short last line', () => {
    const tail = new OutputTail();
    const chunk = `${' description x\r\n'.repeat(2000)}`;
    for (let i = 0; i < 160; i += 1) tail.push(chunk);
    tail.push('core-sw1#');
    expect(tail.lastLine()).toBe('core-sw1#');
    expect(tail.take().length).toBe(chunk.length * 160 + 9);
  });

  it('counts line starts so a pager prompt is answered once per line', () => {
    const tail = new OutputTail();
    tail.push('a\nb\n --More-- ');
    const before = tail.lineNumber();
    tail.push('\b\b\b');
    expect(tail.lineNumber()).toBe(before);
    tail.push('\n');
    expect(tail.lineNumber()).toBe(before + 1);
  });

  it('finds the echo only on a complete line, after a stray prompt, across chunks', () => {
    const tail = new OutputTail();
    tail.push('\r\ncore-sw1#');
    tail.expectEcho('show running-config');
    expect(tail.echoEnd).toBe(-1);
    tail.push('show running');
    expect(tail.echoEnd).toBe(-1);
    tail.push('-config\r\nhostname core-sw1\r\n');
    const end = tail.echoEnd;
    expect(tail.take().slice(end)).toBe('hostname core-sw1\r\n');
    // take() starts a fresh collection with no echo awaited.
    expect(tail.echoEnd).toBe(-1);
  });

  it('echoEnd points just past the echo line', () => {
    const tail = new OutputTail();
    tail.expectEcho('show version');
    tail.push('show version\r\nCisco IOS\r\ncore-sw1#');
    const end = tail.echoEnd;
    expect(tail.take().slice(end)).toBe('Cisco IOS\r\ncore-sw1#');
  });

  it('a line merely containing the command is not its echo', () => {
    const tail = new OutputTail();
    tail.expectEcho('show version');
    tail.push('show version is not allowed here\r\n');
    expect(tail.echoEnd).toBe(-1);
  });

  it('dropEnd cuts an answered pager prompt out of the collected text and the last line', () => {
    const tail = new OutputTail();
    tail.push('line 1\r\nline 2\r\n --Mo');
    tail.push('re-- ');
    tail.dropEnd(tail.rawLastLine().length);
    expect(tail.lastLine()).toBe('');
    tail.push('\b\b\b\b  \b\bline 3\r\n');
    expect(tail.take()).toBe('line 1\r\nline 2\r\n\b\b\b\b  \b\bline 3\r\n');
  });
});
