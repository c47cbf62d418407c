import { describe, expect, it } from 'vitest';
import { Keymap } from '../../../src/tui/keys/keymap.js';

/** A keymap with the devices screen's Enter and `/`, and a line input `/` opens (as the devices screen has). */
function devicesKeymap() {
  const keymap = new Keymap();
  const seen: string[] = [];
  let typing = false;
  let typed = '';
  keymap.register({
    kind: 'screen',
    scopes: ['devices', 'list'],
    handlers: { current: { 'open-device': () => void seen.push('open'), 'filter-devices': () => void (typing = true), top: () => void seen.push('top') } },
    capturesText: () => false,
  });
  keymap.register({
    kind: 'input',
    scopes: ['input'],
    handlers: { current: { submit: () => (typing ? (seen.push(`filter ${typed}`), (typing = false), true) : false) } },
    capturesText: () => typing,
    onText: { current: (input) => void (typed += input) },
  });
  return { keymap, seen };
}

describe('keys typed faster than the console reads them (one chunk)', () => {
  it('g then Enter in one chunk: top, then open', () => {
    const { keymap, seen } = devicesKeymap();
    expect(keymap.dispatch(undefined, 'g\r')).toBe(true);
    expect(seen).toEqual(['top', 'open']);
  });

  it('/ then a filter then Enter in one chunk: the filter typed and applied', () => {
    const { keymap, seen } = devicesKeymap();
    expect(keymap.dispatch(undefined, '/tag:edge\r')).toBe(true);
    expect(seen).toEqual(['filter tag:edge']);
  });

  it('a chunk with an escape sequence is left whole (nothing here takes it)', () => {
    const { keymap, seen } = devicesKeymap();
    expect(keymap.dispatch(undefined, 'g\x1b[A\r')).toBe(false);
    expect(seen).toEqual([]);
  });
});
