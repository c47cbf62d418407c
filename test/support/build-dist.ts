/** Keeps dist/ (what the real binary runs) as new as the sources before CLI tests spawn it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|tsx|sql)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build`'s script when dist/ is missing or a source under src/ or knex/ is newer than the last build. */
export function ensureBuilt(root: string): void {
  const stamp = path.join(root, 'dist/.tsbuildinfo');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'knex')), fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs);
  if (sources <= built) return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  // tsc leaves the build info untouched when nothing it emits changed: the stamp says this build saw the sources.
  fs.utimesSync(stamp, new Date(), new Date());
}
