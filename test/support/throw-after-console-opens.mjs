// Preloaded (node --import) into the real binary by the end-to-end test: once the console has
// switched to the alternate screen, an error is thrown from a timer, outside any try/catch,
// as a bug in a library callback would be.
const write = process.stdout.write.bind(process.stdout);
let armed = false;
process.stdout.write = (chunk, ...rest) => {
  if (!armed && String(chunk).includes('\x1b[?1049h')) {
    armed = true;
    setTimeout(() => {
      throw new Error('injected failure from a timer');
    }, 1500);
  }
  return write(chunk, ...rest);
};
