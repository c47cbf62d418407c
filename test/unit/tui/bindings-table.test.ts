import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_CLASSES } from '../../../src/console/console-services.js';
import { BINDINGS, bindingsIn } from '../../../src/tui/keys/bindings.js';
import { SCREEN_NAMES, SCREENS } from '../../../src/tui/screens/screen-catalogue.js';

const TEST_ROOT = path.resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return /\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Every `bindingTest('<command>'` in the test files. */
function testedCommands(): Set<string> {
  const found = new Set<string>();
  for (const file of testFiles(TEST_ROOT)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/bindingTest\(\s*'([a-z-]+)'/g)) found.add(match[1]!);
  }
  return found;
}

describe('the bindings table', () => {
  it('every binding has a test of its own (bindingTest), and every bindingTest names a binding', () => {
    const tested = testedCommands();
    const untested = BINDINGS.map((b) => b.command).filter((command) => !tested.has(command));
    expect(untested, 'bindings without a bindingTest').toEqual([]);
    const commands = new Set<string>(BINDINGS.map((b) => b.command));
    expect([...tested].filter((command) => !commands.has(command)), 'bindingTests of commands not in the table').toEqual([]);
  });

  it('a command appears once, and no key means two things in scopes that are active together', () => {
    const commands = BINDINGS.map((b) => b.command);
    expect(new Set(commands).size).toBe(commands.length);
    // The scopes active at once: a screen with its contexts and the global scope; an overlay alone.
    const together = [
      ...SCREEN_NAMES.map((name) => ['global', name, ...SCREENS[name].contexts]),
      ['help'],
      ['command-line'],
      ['confirm'],
      ['input'],
    ];
    for (const scopes of together) {
      const seen = new Map<string, string>();
      for (const binding of bindingsIn(scopes as never)) {
        for (const key of binding.keys) {
          expect(seen.get(key), `${key} in ${scopes.join('+')}: ${seen.get(key)} and ${binding.command}`).toBeUndefined();
          seen.set(key, binding.command);
        }
      }
    }
  });

  it('every binding applies somewhere that exists, with help text and a label', () => {
    const scopes = new Set<string>(['global', 'help', 'command-line', 'confirm', 'input', ...SCREEN_NAMES, ...SCREEN_NAMES.flatMap((n) => SCREENS[n].contexts)]);
    for (const binding of BINDINGS) {
      expect(binding.scopes.some((scope) => scopes.has(scope)), binding.command).toBe(true);
      expect(binding.help.length, binding.command).toBeGreaterThan(5);
      expect(binding.label.length, binding.command).toBeGreaterThan(0);
    }
  });

  it('every binding says what it needs; one that runs an action needs exactly that action\'s class, and one that needs more than read names its action', () => {
    for (const binding of BINDINGS) {
      expect(['read', 'operate', 'admin'], binding.command).toContain(binding.needs);
      if (binding.action !== undefined) {
        expect(Object.keys(ACTION_CLASSES), `${binding.command} runs an action that is not classified`).toContain(binding.action);
        expect(binding.needs, `${binding.command} runs ${binding.action}`).toBe(ACTION_CLASSES[binding.action]);
      }
      if (binding.needs !== 'read') expect(binding.action, `${binding.command} needs ${binding.needs}: name the action it runs`).toBeDefined();
    }
  });

  it('a role sees only the bindings it may use: a viewer none that needs more than read', () => {
    const everywhere = bindingsIn(['global', 'list', 'text', 'panes', ...SCREEN_NAMES]);
    expect(bindingsIn(['global', 'list', 'text', 'panes', ...SCREEN_NAMES], 'admin')).toEqual(everywhere);
    expect(bindingsIn(['global', 'list', 'text', 'panes', ...SCREEN_NAMES], 'viewer')).toEqual(everywhere.filter((b) => b.needs === 'read'));
    expect(bindingsIn(['global', 'list', 'text', 'panes', ...SCREEN_NAMES], 'operator')).toEqual(everywhere.filter((b) => b.needs !== 'admin'));
  });
});
