import { describe, expect, it } from 'vitest';
import { cleanCommandChunks, cleanCommandOutput, type CleaningRules } from '../../../src/devices/cleaning.js';
import { pagerRemover } from '../../../src/devices/pager.js';

const rules = (): CleaningRules => ({ command: '', prompt: 'r1#', pagerRemover: pagerRemover() });

/** The same text cut into chunks of the given sizes (the last one takes the rest). */
function cut(text: string, sizes: number[]): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) chunks.push(text.slice(at));
  return chunks;
}

function expectSameAsWhole(text: string, sizes: number[], start: number): void {
  const chunks = cut(text, sizes);
  expect(cleanCommandChunks(chunks, start, rules())).toBe(cleanCommandOutput(text.slice(start), rules()));
  // The array was handed over: every slot is released once consumed (or the whole-text path joined it first).
  expect(chunks.every((chunk) => chunk === '') || chunks.join('') === text).toBe(true);
}

describe('cleanCommandChunks', () => {
  const config = 'show running-config\r\nBuilding configuration...\r\n\r\nhostname r1   \r\n interface Gi0/1\r\r\n description up\r\n --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b!\r\nend\r\n\r\nr1#';

  it('cleans exactly as the whole text would be, wherever the chunks are cut and wherever the body starts', () => {
    const echoEnd = config.indexOf('\n') + 1;
    for (const sizes of [[1], [3, 1, 7], [echoEnd - 1, 1, 2], [echoEnd, 5], [echoEnd + 1], [20, 20, 20, 20]]) {
      expectSameAsWhole(config, Array.from({ length: 200 }, (_, i) => sizes[i % sizes.length]!), echoEnd);
      expectSameAsWhole(config, sizes, 0);
    }
  });

  it('a CR and its LF in different chunks, or in different ~1 MB groups, still make one line end', () => {
    const big = `${'interface Gi0/1\r\n description x\r\n'.repeat(40_000)}end\r\nr1#`;
    const crAt = big.indexOf('\r\n', 1 << 20) + 1;
    expectSameAsWhole(big, [crAt, 1 << 20, 4096], 0);
    expectSameAsWhole(big, [32_768], 0);
    expect(cleanCommandChunks(cut(big, [32_768]), 0, rules())).not.toContain('\r');
  });

  it('a line longer than a group, and an empty output, come out as the whole-text path gives them', () => {
    const long = `banner ${'x'.repeat(3 << 20)}\r\nend\r\nr1#`;
    expectSameAsWhole(long, [65_536], 0);
    expect(cleanCommandChunks([], 0, rules())).toBe(cleanCommandOutput('', rules()));
    expect(cleanCommandChunks(['r1#'], 0, rules())).toBe('');
  });

  it('output with escape sequences (even one split across chunks) takes the whole-text path and gives the same text', () => {
    const coloured = 'hostname \x1b[1mr1\x1b[0m\r\n\x1b]0;title\x07end\r\nr1#';
    expectSameAsWhole(coloured, [11, 1, 3], 0);
    expect(cleanCommandChunks(cut(coloured, [11, 1, 3]), 0, rules())).toBe('hostname r1\nend');
  });
});
