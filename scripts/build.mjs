// `npm run build` (run by `npm install` through "prepare"): TypeScript to dist/, plus the SQL files the
// compiled code reads at run time (knex/init, found relative to dist/src/db/init.js).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
fs.cpSync(path.join(root, 'knex/init'), path.join(root, 'dist/knex/init'), { recursive: true });
