import { describe, expect, it } from 'vitest';
import { pagerDetector } from '../../../src/devices/pager.js';

describe('pager detection on the last line', () => {
  const detector = pagerDetector([/lines \d+-\d+/]);
  const pagers = [
    '--More--',
    ' --More-- ',
    '-- More --',
    'Press any key to continue',
    'Press any key to continue (Q to quit)',
    '<--- More --->',
    '---(more)---',
    '---(more 27%)---',
    '-- MORE --, next page: Space, next line: Enter, quit: Control-C',
    '-- [Q quit|D dump|down]',
    'lines 1-40',
  ];
  for (const pager of pagers) {
    it(`detects "${pager}"`, () => {
      expect(detector.test(pager.trimEnd())).toBe(true);
    });
  }
  for (const line of ['core-sw1#', ' description More info', 'interface Gi1/0/1', '--More-- is not at the end here']) {
    it(`ignores "${line}"`, () => {
      expect(detector.test(line)).toBe(false);
    });
  }
});
