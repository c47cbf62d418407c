/** Writes docs/console.md from the bindings table: `npm run docs:console`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleDoc } from '../src/tui/keys/bindings-doc.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/console.md');
fs.writeFileSync(file, consoleDoc());
process.stdout.write(`wrote ${file}\n`);
