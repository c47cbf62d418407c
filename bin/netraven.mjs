#!/usr/bin/env node
// The installed entry point: the CLI compiled to dist/ by `npm install` (the "prepare" script runs `npm run build`).
import fs from 'node:fs';

// React's development build records every component render as a performance measure, which
// Node keeps until cleared: a console following a busy log grew by ~12 MB a second. Operators
// run the production build (set NODE_ENV yourself to debug the console). Set before React loads.
process.env.NODE_ENV ??= 'production';

// Ink reads CI when it loads and then draws only the final frame, at exit: a console started
// from a shell, container or service manager that sets CI showed a blank screen (serve-ssh
// included). The console is interactive wherever it runs, so CI says nothing about it here.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!fs.existsSync(main)) {
  process.stderr.write('netraven: NOT_BUILT: dist/ is missing; run `npm install` (or `npm run build`) in the NetRaven folder first\n');
  process.exit(1);
}
// Before anything else loads: the young generation grows while modules load and never shrinks again.
const { keepYoungGenerationSmall, runsRetrievalsSideBySide } = await import(new URL('../dist/src/young-generation.js', import.meta.url).href);
if (!runsRetrievalsSideBySide(process.argv.slice(2))) keepYoungGenerationSmall();
await import(main.href);
