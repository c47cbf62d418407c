// Preloaded into a `netraven` child (NODE_OPTIONS=--import): at exit, writes the size in bytes of V8's new space
// (the young generation) to the file named by NETRAVEN_TEST_NEW_SPACE_FILE.
import fs from 'node:fs';
import v8 from 'node:v8';

process.on('exit', () => {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  fs.writeFileSync(process.env.NETRAVEN_TEST_NEW_SPACE_FILE, String(space.space_size));
});
