import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dropUnsafeSequences, guardTerminalInput } from '../../../src/tui/input-guard.js';

// Ink's own parser, to show what the guard protects it from (ink#901, ink#1013).
const { createInputParser } = (await import('../../../node_modules/ink/build/input-parser.js')) as { createInputParser(): { push(s: string): string[] } };
const { default: parseKeypress } = (await import('../../../node_modules/ink/build/parse-keypress.js')) as { default(s: string): { name?: string; ctrl: boolean; sequence: string } };

/** Keypresses Ink would hand to useInput with a Ctrl modifier and no name: its useInput throws on them. */
function crashers(text: string): string[] {
  return createInputParser().push(text).filter((event) => {
    const key = parseKeypress(event);
    return key.ctrl && key.name === undefined;
  });
}

describe('terminal input guard', () => {
  const hostile = 'tag\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b[H\x1b[31mevil\u202Etxt\x1b[1;5P\x1bP1$r\x1b\\\x1b[I\x1b[<0;10;20M';

  it('drops what Ink 6 cannot parse: SGR and unknown CSI (a crash in Ink), OSC/DCS strings, focus and mouse reports', () => {
    expect(crashers(hostile).length).toBeGreaterThan(0);
    const safe = dropUnsafeSequences(hostile);
    expect(crashers(safe)).toEqual([]);
    expect(safe).toBe('tag\x1b[Hevil\u202Etxt');
  });

  it('keeps every key the console uses', () => {
    const keys = ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[1;5A', '\x1b[H', '\x1b[F', '\x1b[1~', '\x1b[2~', '\x1b[3~', '\x1b[4~', '\x1b[5~', '\x1b[6~', '\x1b[Z', '\x1bOP', '\x1b', '\r', '\t', '\x03', '\x12', '\x7f', 'q', ' ', 'é', '⚙'];
    for (const key of keys) expect(dropUnsafeSequences(key), JSON.stringify(key)).toBe(key);
  });

  it('the guarded stream hands Ink the filtered chunks and is otherwise the stream itself', () => {
    const stream = new PassThrough() as unknown as NodeJS.ReadStream;
    (stream as unknown as { setEncoding(e: string): void }).setEncoding('utf8');
    const guarded = guardTerminalInput(stream);
    stream.write('a\x1b[31mb');
    expect(guarded.read()).toBe('ab');
    stream.write(Buffer.from('c\x1b[1;5Pd'));
    expect(guarded.read()).toBe('cd');
    expect(guarded.readable).toBe(true);
    let heard = false;
    guarded.on('data', () => (heard = true));
    stream.write('x');
    expect(heard).toBe(true);
  });
});
