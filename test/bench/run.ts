// `npm run bench -- NAME` runs test/bench/NAME.bench.ts, whose run() prints its results.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const available = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- NAME (one of: ${available.join(', ')})\n`);
  process.exit(64);
}
const bench = (await import(path.join(here, `${name}.bench.ts`))) as { run(args: string[]): Promise<void> };
await bench.run(process.argv.slice(3));
process.exit(0);
