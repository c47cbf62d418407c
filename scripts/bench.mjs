#!/usr/bin/env node
// `npm run bench -- <name>`: runs test/bench/<name>.bench.ts through the tsx loader.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/bench/run.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
