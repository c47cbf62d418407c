// Dispatches `npm run bench -- <name>` to test/bench/<name>.bench.ts, which exports run().
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>; benchmarks: ${available.join(', ')}\n`);
  process.exit(64);
}
const bench = (await import(pathToFileURL(path.join(dir, `${name}.bench.ts`)).href)) as { run(): Promise<void> };
await bench.run();
