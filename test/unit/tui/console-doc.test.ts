import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleDoc } from '../../../src/tui/keys/bindings-doc.js';
import { BINDINGS } from '../../../src/tui/keys/bindings.js';
import { SCREEN_NAMES } from '../../../src/tui/screens/screen-catalogue.js';

describe('docs/console.md', () => {
  it('is what the bindings table makes of it (run `npm run docs:console` after changing a binding or a screen)', () => {
    const file = path.resolve(import.meta.dirname, '../../../docs/console.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(consoleDoc());
  });

  it('names every screen and every binding', () => {
    const doc = consoleDoc();
    for (const name of SCREEN_NAMES) expect(doc).toContain(`## ${name}`);
    for (const binding of BINDINGS) expect(doc).toContain(`| ${binding.command} |`);
  });
});
