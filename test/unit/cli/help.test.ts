import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../src/cli/output.js';
import { buildProgram } from '../../../src/cli/program.js';

function capture(): Output & { text: string[] } {
  const text: string[] = [];
  return { text, out: (t) => void text.push(t), err: (t) => void text.push(t), isTTY: false };
}

/** Every command path of the tree, e.g. ['devices', 'import']. */
function paths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((child) => {
    const path = [...prefix, child.name()];
    return child.commands.length > 0 ? [path, ...paths(child, path)] : [path];
  });
}

describe('--help', () => {
  const expected = [
    ['devices', 'add'],
    ['devices', 'list'],
    ['devices', 'remove'],
    ['devices', 'import'],
    ['devices', 'accept-hostkey'],
    ['retrieve'],
    ['configs', 'show'],
    ['configs', 'history'],
    ['configs', 'diff'],
    ['search'],
  ];

  it('the retrieval commands are registered', () => {
    const all = paths(buildProgram(capture())).map((p) => p.join(' '));
    for (const path of expected) expect(all).toContain(path.join(' '));
  });

  for (const path of paths(buildProgram(capture()))) {
    it(`netraven ${path.join(' ')} --help describes the command and exits 0`, async () => {
      const output = capture();
      const program = buildProgram(output);
      const err = await program.parseAsync(['node', 'netraven', ...path, '--help']).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'commander.helpDisplayed', exitCode: 0 });
      const text = output.text.join('');
      expect(text).toContain(`Usage: netraven ${path.join(' ')}`);
      expect(text).toContain('--help');
    });
  }

  it('list commands take --json, --limit and --after', () => {
    const program = buildProgram(capture());
    for (const path of [['devices', 'list'], ['configs', 'history']]) {
      const command = path.reduce<Command>((c, name) => c.commands.find((x) => x.name() === name)!, program);
      expect(command.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--json', '--limit', '--after']));
    }
  });
});
