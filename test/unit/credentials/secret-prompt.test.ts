import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecrets, type SecretInput } from '../../../src/credentials/secret-prompt.js';

/** A stand-in terminal: records raw-mode switches; keys are typed by writing to it. */
function fakeTerminal(): SecretInput & { rawModes: boolean[] } {
  const stream = new PassThrough() as unknown as SecretInput & { rawModes: boolean[] };
  stream.isTTY = true;
  stream.rawModes = [];
  stream.setRawMode = (raw: boolean) => stream.rawModes.push(raw);
  return stream;
}

function typeLater(terminal: SecretInput, keystrokes: string[]): void {
  let i = 0;
  const next = () => {
    if (i < keystrokes.length) terminal.push(keystrokes[i++]);
    if (i < keystrokes.length) setTimeout(next, 5);
  };
  setTimeout(next, 5);
}

describe('secret prompt', () => {
  it('reads one secret per line from piped stdin (CRLF too), empty when lines are missing', async () => {
    const piped = new PassThrough();
    piped.end('first secret\r\nsecond\n');
    expect(await readSecrets({ input: piped, write: () => undefined, prompts: ['Secret', 'Enable secret'] })).toEqual(['first secret', 'second']);
    const short = new PassThrough();
    short.end('only\n');
    expect(await readSecrets({ input: short, write: () => undefined, prompts: ['Secret', 'Enable secret'] })).toEqual(['only', '']);
  });

  it('refuses huge piped input without echoing it', async () => {
    const piped = new PassThrough();
    piped.end('y'.repeat(70_000));
    await expect(readSecrets({ input: piped, write: () => undefined, prompts: ['Secret'] })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.not.stringContaining('yyy') });
  });

  it('on a terminal, switches echo off, edits with backspace, asks twice and never writes the secret', async () => {
    const terminal = fakeTerminal();
    const written: string[] = [];
    typeLater(terminal, ['hunX\x7fter2\r', 'hunter2\r']);
    const secrets = await readSecrets({ input: terminal, write: (t) => written.push(t), prompts: ['Secret for "core"'] });
    expect(secrets).toEqual(['hunter2']);
    expect(terminal.rawModes).toEqual([true, false, true, false]);
    expect(written.join('')).toBe('Secret for "core": \nSecret for "core" (again): \n');
  });

  it('on a terminal, refuses two different entries and cancels on Ctrl-C', async () => {
    const terminal = fakeTerminal();
    typeLater(terminal, ['one\r', 'two\r']);
    await expect(readSecrets({ input: terminal, write: () => undefined, prompts: ['Secret'] })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('differ') });
    const cancelled = fakeTerminal();
    typeLater(cancelled, ['abc\x03']);
    await expect(readSecrets({ input: cancelled, write: () => undefined, prompts: ['Secret'] })).rejects.toMatchObject({ exitCode: 130 });
    expect(cancelled.rawModes).toEqual([true, false]);
  });
});
