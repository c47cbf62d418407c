// Ink decides when it is loaded whether to draw frames: under CI (or CONTINUOUS_INTEGRATION) it
// draws only the last one, at exit. The console tests that run it in this process (the SSH
// console) must see what an operator sees, as bin/netraven.mjs ensures for the binary.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
