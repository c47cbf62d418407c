import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { countLineChanges, lineChanges } from '../../../src/retrieval/configs/line-changes.js';

const before = ['hostname a', 'interface Gi1', ' description up', '!', 'interface Gi2', ' shutdown', '!', 'end', ''].join('\n');
const after = ['hostname a', 'interface Gi1', ' description uplink', '!', 'interface Gi3', ' shutdown', '!', 'ntp server 10.0.0.1', 'end', ''].join('\n');

describe('lines changed between two versions', () => {
  it('are the +N −M of the unified diff', async () => {
    const patch = structuredPatch('a', 'b', before, after);
    const lines = patch.hunks.flatMap((h) => h.lines);
    const expected = { added: lines.filter((l) => l.startsWith('+')).length, removed: lines.filter((l) => l.startsWith('-')).length, approximate: false };
    expect(await lineChanges(before, after)).toEqual(expected);
    expect(expected).toEqual({ added: 3, removed: 2, approximate: false });
    expect(await lineChanges(before, before)).toEqual({ added: 0, removed: 0, approximate: false });
  });

  it('are counted (moved lines not counted, marked approximate) when the diff takes too long', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const shuffled = many.map((_, i) => many[(i * 7919) % many.length]!);
    const result = await lineChanges(`${many.join('\n')}\n`, `${shuffled.join('\n')}\nextra\n`, 1);
    expect(result).toEqual({ added: 1, removed: 0, approximate: true });
    expect(countLineChanges('a\na\nb\n', 'a\nc\n')).toEqual({ added: 1, removed: 2, approximate: true });
  });
});
