import { describe, expect, it } from 'vitest';
import { runsRetrievalsSideBySide } from '../../src/young-generation.js';

describe('runsRetrievalsSideBySide', () => {
  it.each([
    [[]],
    [['--verbose']],
    [['--strict', '--verbose']],
    [['start']],
    [['--verbose', 'start']],
    [['daemon']],
    [['serve-ssh', '--listen', '127.0.0.1:2222']],
    [['retrieve', '--all']],
    [['retrieve', '--tag', 'core']],
    [['retrieve', '--tag=core', '--concurrency', '8']],
    [['retrieve', '--device', 'sw-1', '--device', 'sw-2']],
    [['retrieve', '--device=sw-1', '--device=sw-2']],
    [['retrieve']],
  ])('runs retrievals side by side: %j', (args) => {
    expect(runsRetrievalsSideBySide(args)).toBe(true);
  });

  it.each([
    [['help']],
    [['retrieve', '--device', 'sw-1']],
    [['retrieve', '--device=sw-1', '--json']],
    [['--verbose', 'retrieve', '--device', 'sw-1', '--queue']],
    [['configs', 'show', 'sw-1', '--raw']],
    [['devices', 'list', '--tag', 'core']],
    [['db', 'init']],
    // A device named like a command is still one device.
    [['retrieve', '--device', 'daemon']],
    [['no-such-command', '--all']],
  ])('keeps the young generation small: %j', (args) => {
    expect(runsRetrievalsSideBySide(args)).toBe(false);
  });
});
